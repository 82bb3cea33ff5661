package dev.imagedrift.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.app.ReferenceLoader;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.stream.DeadLetterHeaders;
import dev.imagedrift.stream.DriftTopology;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.tools.bench.SyntheticProperties;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly-once under heavy dead-letter load (about 40% refused, as in the throughput run where the
 * broker answered CONCURRENT_TRANSACTIONS and then "Expected sequence 0 for transactions v2
 * idempotent producer with no existing state" on a dead-letter partition). Those answers are
 * retriable: under transactions v2 (KIP-890) each transaction starts every partition's sequence at
 * 0 after an epoch bump, the broker verifies the partition joined the transaction, and while the
 * previous transaction's markers are still being written it answers CONCURRENT_TRANSACTIONS to the
 * first batch; a later in-flight batch for that partition then finds no producer state and is
 * refused rather than appended ahead of the first (KAFKA-18202), and the producer retries both in
 * order. This test shows the outcome: read_committed, every refused event is in the dead-letter
 * topic exactly once and every good one is counted exactly once.
 */
class DeadLetterLoadIT {
    private static final Pattern BAD_ID = Pattern.compile("\"id\":\"(bad-\\d+)\"");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyRefusedEventIsDeadLetteredOnceAndEveryGoodOneCountedOnce() throws Exception {
        BrokerTestSupport support = new BrokerTestSupport();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Path reference = support.writeReference(dir, 300);
            Path configFile = dir.resolve("it.yaml");
            Files.writeString(configFile, """
                    kafka:
                      bootstrap-servers: %s
                      application-id: dlq-load-it
                      state-dir: %s
                      properties:
                        commit.interval.ms: 100
                    window: {size: 10s, grace: 1s}
                    reference: {snapshot: %s}
                    metrics: {port: 0, host: 127.0.0.1}
                    """.formatted(broker.bootstrapServers(), dir.resolve("state"), reference));
            MonitorConfig config = ConfigLoader.load(configFile, Map.of());
            broker.createTopics(DriftTopology.topicNames(config), 2);
            PropertySet properties = PropertySet.defaults();
            try (MonitorRuntime monitor = MonitorRuntime.start(config, properties,
                    ReferenceLoader.load(config, properties), MonitorListener.NONE)) {
                assertTrue(monitor.awaitRunning(Duration.ofSeconds(60)), "RUNNING");
                long t0 = (System.currentTimeMillis() / 10_000 - 10) * 10_000;
                SyntheticProperties synthetic = new SyntheticProperties(3);
                Random random = new Random(9);
                int good = 0;
                int bad = 0;
                Map<String, Integer> goodPerStream = new HashMap<>();
                try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
                    for (int i = 0; i < 3000; i++) {
                        String stream = "cam-" + (i % 4);
                        long t = t0 + (i * 3L) % 9_000;
                        byte[] value;
                        if (random.nextDouble() < 0.4) {
                            value = ("{\"id\":\"bad-" + bad++ + "\",\"stream\":\"" + stream + "\",\"properties\":")
                                    .getBytes(StandardCharsets.UTF_8); // cut: bad_json
                        } else {
                            value = SyntheticProperties.event("good-" + good++, stream, t, synthetic.next());
                            goodPerStream.merge(stream, 1, Integer::sum);
                        }
                        p.send(new ProducerRecord<>(config.topics().events(), null, t, stream, value));
                    }
                    for (int s = 0; s < 4; s++) {
                        long t = t0 + 12_000;
                        p.send(new ProducerRecord<>(config.topics().events(), null, t, "cam-" + s,
                                SyntheticProperties.event("clock-" + s, "cam-" + s, t, synthetic.next())));
                    }
                }
                int expectedBad = bad;
                Map<String, Integer> deadIds = new HashMap<>();
                try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                        config.topics().deadLetter())) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
                    long quietSince = 0;
                    while (System.nanoTime() < deadline) {
                        var records = c.poll(Duration.ofMillis(500));
                        for (ConsumerRecord<String, byte[]> r : records) {
                            assertEquals("bad_json", DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON));
                            Matcher m = BAD_ID.matcher(new String(r.value(), StandardCharsets.UTF_8));
                            assertTrue(m.find());
                            deadIds.merge(m.group(1), 1, Integer::sum);
                        }
                        if (deadIds.size() >= expectedBad) {
                            if (quietSince == 0) quietSince = System.nanoTime();
                            if (System.nanoTime() - quietSince > Duration.ofSeconds(5).toNanos()) break;
                        }
                    }
                }
                assertEquals(expectedBad, deadIds.size(), "every refused event is in the dead-letter topic");
                assertTrue(deadIds.values().stream().allMatch(n -> n == 1), "each exactly once");

                List<JsonNode> scores;
                try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                        config.topics().scores())) {
                    scores = BrokerTestSupport.readUntil(c, Duration.ofSeconds(60), r -> r.size() >= 4);
                    scores.addAll(BrokerTestSupport.readUntil(c, Duration.ofSeconds(3), r -> false));
                }
                assertEquals(4, scores.size(), "one result per stream's window");
                for (JsonNode s : scores) {
                    assertEquals((int) goodPerStream.get(s.path("stream").asText()), s.path("eventsCounted").asInt(),
                            s.path("stream").asText());
                }
                String metrics = BrokerTestSupport.scrape(monitor.metricsPort());
                assertEquals(expectedBad, BrokerTestSupport.sample(metrics, "imagedrift_images_failed_total{reason=\"bad_json\"}"));
                double processed = 0;
                for (int s = 0; s < 4; s++) {
                    processed += BrokerTestSupport.sample(metrics, "imagedrift_images_processed_total{stream=\"cam-" + s + "\"}");
                }
                assertEquals(good + 4, processed, "every good event once (and the four clock events)");
                System.out.printf("dead-letter load: %d events, %d refused (%.0f%%), %d good%n", good + expectedBad,
                        expectedBad, 100.0 * expectedBad / (good + expectedBad), good);
            }
        }
    }
}
