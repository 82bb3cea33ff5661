package dev.imagedrift.stream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Kafka Streams' production exception handler: a record that can never be sent (larger than the
 * producer or topic allows, or that cannot be serialized) is logged and skipped instead of failing
 * the task, whose replay would fail on it again, forever. Dead letters are cut to fit
 * ({@link DeadLetterLimits}) and score and alert records are small, so this is a last line. Every
 * other error fails the task as by default (retriable errors are retried by the producer first).
 * Skipped records show in Kafka Streams' {@code dropped-records} metric; values are never logged.
 */
public final class SkipUnsendableRecords implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SkipUnsendableRecords.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (exception instanceof RecordTooLargeException) {
            LOG.error("a record for topic {} ({} value bytes) is larger than Kafka accepts; skipped (source {}/{}@{}): {}",
                    record.topic(), record.value() == null ? 0 : record.value().length, context.topic(),
                    context.partition(), context.offset(), exception.getMessage());
            return Response.resume();
        }
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        LOG.error("a record for topic {} cannot be serialized ({}); skipped (source {}/{}@{}): {}", record.topic(),
                origin, context.topic(), context.partition(), context.offset(), exception.toString());
        return Response.resume();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }
}
