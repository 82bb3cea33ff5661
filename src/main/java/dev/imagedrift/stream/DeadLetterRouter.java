package dev.imagedrift.stream;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns dead letters into dead-letter topic records: original key and value, reason headers, the
 * whole cut to fit one producer request ({@link DeadLetterLimits}), so that a huge bad record cannot
 * be refused by the producer and stop the application.
 */
final class DeadLetterRouter<T> implements Processor<String, Outcome<T>, byte[], byte[]> {
    private final DeadLetterLimits limits;
    private ProcessorContext<byte[], byte[]> context;

    DeadLetterRouter(DeadLetterLimits limits) {
        this.limits = limits;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Outcome<T>> record) {
        DeadLetterLimits.Fitted f = limits.fit(record.value().deadLetter(), record.headers());
        context.forward(new Record<>(f.key(), f.value(), record.timestamp(), f.headers()));
    }
}
