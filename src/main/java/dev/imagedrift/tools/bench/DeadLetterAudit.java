package dev.imagedrift.tools.bench;

import dev.imagedrift.stream.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What reached the dead-letter topic during a benchmark, read back from the topic itself (committed
 * records only), so it holds for a monitor in this JVM and in a separate process alike. A load
 * figure is only what it says when no event was refused or late: an event the monitor dead-letters
 * costs less than one it measures, and is missing from the windows.
 */
record DeadLetterAudit(long records, Map<String, Long> byReason, String firstMessage) {

    static DeadLetterAudit read(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = c.endOffsets(partitions); // the last stable offsets (read_committed)
            Map<String, Long> byReason = new TreeMap<>();
            long records = 0;
            String first = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the dead-letter topic " + topic + " to its end");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    records++;
                    String reason = DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON);
                    byReason.merge(reason == null ? "?" : reason, 1L, Long::sum);
                    if (first == null) {
                        first = DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.MESSAGE);
                    }
                }
            }
            return new DeadLetterAudit(records, byReason, first);
        }
    }

    /**
     * Throws {@link InvalidMeasurement} unless the topic holds exactly the expected dead letters, counted
     * by reason (none expected: the topic must be empty).
     */
    void requireExactly(String benchmark, Map<String, Long> expected) {
        if (expected.isEmpty()) {
            requireNone(benchmark);
        } else if (!new TreeMap<>(expected).equals(byReason)) {
            throw new InvalidMeasurement(benchmark + ": expected dead letters " + new TreeMap<>(expected) + ", found "
                    + byReason + " (first: " + firstMessage + "); the figure would not be what it says");
        }
    }

    /** Throws {@link InvalidMeasurement} unless the topic is empty. */
    void requireNone(String benchmark) {
        if (records > 0) {
            throw new InvalidMeasurement(benchmark + ": " + records + " event(s) went to the dead-letter topic "
                    + byReason + " (first: " + firstMessage + "); the figure would not be what it says");
        }
    }
}
