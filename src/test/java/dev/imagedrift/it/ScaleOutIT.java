package dev.imagedrift.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How users scale out: two monitor processes with the same application id share the input
 * partitions, with a standby replica of each other's state. One is killed (SIGKILL) in the middle
 * of the windows; the other takes its partitions over and every stream's window is scored exactly
 * once, with every event of it. Prints the time from the kill to the last score (docs/DEPLOYMENT.md).
 */
class ScaleOutIT {
    private static final String APP = "scale-out-it";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theSurvivorTakesOverAndEveryWindowIsScoredOnceWithAllItsEvents() throws Exception {
        BrokerTestSupport support = new BrokerTestSupport();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Path reference = support.writeReference(dir, 300);
            broker.createTopics(List.of("image-events", "image-events-dlq", "image-drift-scores", "image-drift-alerts"), 4);
            Process a = start(broker, reference, "a");
            Process b = start(broker, reference, "b");
            try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
                long t0 = (System.currentTimeMillis() / 10_000 - 20) * 10_000;
                for (int s = 0; s < 8; s++) {
                    support.sendWindow(p, "image-events", "cam-" + s, t0, 5_000, 50, 0, "before-" + s);
                }
                awaitBothWorking(broker.bootstrapServers(), Duration.ofSeconds(120));
                Thread.sleep(3_000);
                Instant killed = Instant.now();
                a.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                for (int s = 0; s < 8; s++) {
                    support.sendWindow(p, "image-events", "cam-" + s, t0 + 5_000, 5_000, 30, 0, "after-" + s);
                    support.sendWindow(p, "image-events", "cam-" + s, t0 + 12_000, 1_000, 1, 0, "clock-" + s);
                }
                List<JsonNode> scores;
                try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                        "image-drift-scores")) {
                    scores = BrokerTestSupport.readUntil(c, Duration.ofSeconds(180), r -> r.size() >= 8);
                    Instant lastScore = Instant.now();
                    scores.addAll(BrokerTestSupport.readUntil(c, Duration.ofSeconds(5), r -> false));
                    System.out.printf("scale-out: %d windows scored, the last %d s after the kill%n", scores.size(),
                            Duration.between(killed, lastScore).toSeconds());
                }
                Map<String, Integer> perStream = new HashMap<>();
                for (JsonNode s : scores) {
                    if (s.path("windowStart").asText().equals(Instant.ofEpochMilli(t0).toString())) {
                        perStream.merge(s.path("stream").asText(), 1, Integer::sum);
                        assertEquals(80, s.path("eventsCounted").asInt(), "50 before the kill + 30 after: " + s);
                    }
                }
                assertEquals(8, perStream.size(), "every stream's window: " + perStream);
                assertTrue(perStream.values().stream().allMatch(n -> n == 1), "each exactly once: " + perStream);
            } finally {
                a.destroyForcibly();
                b.destroy();
                assertTrue(b.waitFor(60, TimeUnit.SECONDS));
            }
        }
    }

    /** Waits until the consumer group has two members with partitions (both instances took part). */
    private static void awaitBothWorking(String bootstrap, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (System.nanoTime() < deadline) {
                org.apache.kafka.clients.admin.ConsumerGroupDescription g;
                try {
                    g = admin.describeConsumerGroups(List.of(APP)).all().get().get(APP);
                } catch (java.util.concurrent.ExecutionException notYet) {
                    g = null; // the group is created when the first instance joins
                }
                if (g != null && g.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count() >= 2) {
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new AssertionError("the two instances did not both get partitions within " + timeout);
    }

    private Process start(EmbeddedKafkaBroker broker, Path reference, String name) throws Exception {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-servers: %s
                  application-id: %s
                  state-dir: %s
                  properties:
                    num.standby.replicas: 1
                    transaction.timeout.ms: 10000
                    session.timeout.ms: 6000
                    heartbeat.interval.ms: 1500
                window: {size: 10s, grace: 1s}
                reference: {snapshot: %s}
                metrics: {port: 0, host: 127.0.0.1}
                """.formatted(broker.bootstrapServers(), APP, dir.resolve("state-" + name), reference));
        return MonitorProcess.start(config, dir.resolve(name + ".log"), "384m");
    }
}
