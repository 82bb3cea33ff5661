package dev.imagedrift.stream;

import dev.imagedrift.config.MonitorConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;

import java.util.Map;
import java.util.Properties;

/** Kafka Streams client properties from the configuration: ours first, the user's pass-through settings win. */
public final class StreamsSettings {
    private StreamsSettings() {}

    /**
     * The producer's {@code max.request.size} in force (a pass-through setting, plain or with the
     * {@code producer.} prefix, else Kafka's default): the bound dead letters are cut to.
     */
    public static int maxRequestSize(MonitorConfig config) {
        Map<String, String> given = config.kafka().properties();
        String value = given.getOrDefault(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                given.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (value == null) {
            return DeadLetterLimits.DEFAULT_MAX_RECORD_BYTES;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new dev.imagedrift.config.ConfigException("kafka.properties.max.request.size must be a number of bytes, got "
                    + value);
        }
    }

    public static Properties from(MonitorConfig config) {
        MonitorConfig.Kafka k = config.kafka();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, k.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, k.processingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(k.numStreamThreads()));
        p.put(StreamsConfig.STATE_DIR_CONFIG, k.stateDir());
        // A window evaluation may hold a transaction open for a few seconds (see DriftTopology.CLOSE_BUDGET);
        // the Streams default of 10 s leaves too little room on a slow machine.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "60000");
        // Exactly-once commits every 100 ms by default; each one flushes the producer and completes a
        // transaction, which took about a sixth of a stream thread's time on JPEG traffic. Closed
        // windows request their own commit (WindowProcessor), so results do not wait for the interval.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        p.put(BoundedRocksDbMemory.MEMORY_BYTES, Long.toString((long) k.rocksdbMemoryMb() << 20));
        // Kafka 5.0 turns this on by default; the topology has no global stores, so it changes nothing but a warning.
        p.put("processing.exception.handler.global.enabled", "true");
        // Nothing may loop. The extract stage turns every failure of one record into its dead letter, so
        // an exception reaching Kafka Streams is a bug in a later stage: fail the thread, and RecordFailures
        // dead-letters the record after reliability.max-record-attempts replacements.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndFailProcessingExceptionHandler.class.getName());
        // The input is read as bytes and cannot fail; the repartition topic holds our own records, and one
        // that cannot be read (a version skew during an upgrade) would fail every retry: log it and go on.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipUnsendableRecords.class.getName());
        for (Map.Entry<String, String> e : k.properties().entrySet()) {
            p.put(e.getKey(), e.getValue());
        }
        return p;
    }
}
