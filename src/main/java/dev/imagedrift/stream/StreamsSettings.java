package dev.imagedrift.stream;

import dev.imagedrift.config.MonitorConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Map;
import java.util.Properties;

/** Kafka Streams client properties from the configuration: ours first, the user's pass-through settings win. */
public final class StreamsSettings {
    private StreamsSettings() {}

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
        for (Map.Entry<String, String> e : k.properties().entrySet()) {
            p.put(e.getKey(), e.getValue());
        }
        return p;
    }
}
