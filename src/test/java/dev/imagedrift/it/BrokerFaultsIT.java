package dev.imagedrift.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.app.ReferenceLoader;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.stream.DriftTopology;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real broker goes away and comes back; the monitor is never restarted and loses or repeats nothing. */
class BrokerFaultsIT {
    @TempDir
    Path dir;

    private final BrokerTestSupport support = new BrokerTestSupport();

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void brokerStoppedFor30SecondsWhileEventsFlow() throws Exception {
        int port = EmbeddedKafkaBroker.freePort();
        Files.createDirectories(dir.resolve("kafka"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), false, port)) {
            MonitorConfig config = config(broker.bootstrapServers(), "restart-broker-it", "2m");
            broker.createTopics(DriftTopology.topicNames(config), 2);
            PropertySet properties = PropertySet.defaults();
            try (MonitorRuntime monitor = MonitorRuntime.start(config, properties,
                    ReferenceLoader.load(config, properties), MonitorListener.NONE);
                 KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
                assertTrue(monitor.awaitRunning(Duration.ofSeconds(60)), "RUNNING");
                long t0 = (System.currentTimeMillis() / 10_000 - 30) * 10_000;
                support.sendWindow(p, config.topics().events(), "cam", t0, 4_000, 100, 0, "before");
                Thread.sleep(3_000);
                broker.stop();
                // Events keep coming while the broker is down, from a producer that waits for it (a send
                // blocks until the broker's metadata is back, so they are sent from their own thread).
                long down = System.nanoTime();
                java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor();
                java.util.concurrent.Future<?> during;
                try (KafkaProducer<String, byte[]> waiting = new KafkaProducer<>(Map.of(
                        "bootstrap.servers", broker.bootstrapServers(), "max.block.ms", 180_000,
                        "delivery.timeout.ms", 180_000, "request.timeout.ms", 20_000),
                        new org.apache.kafka.common.serialization.StringSerializer(),
                        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                    during = sender.submit(() -> {
                        for (int i = 0; i < 3; i++) {
                            support.sendWindowAsync(waiting, config.topics().events(), "cam", t0 + 4_000 + i * 1_000,
                                    1_000, 20, 0, "during-" + i);
                        }
                        waiting.flush();
                        return null;
                    });
                    Thread.sleep(30_000);
                    assertEquals(503, BrokerTestSupport.httpStatus(monitor.metricsPort(), "/readyz"),
                            "not ready without a broker");
                    assertEquals(200, BrokerTestSupport.httpStatus(monitor.metricsPort(), "/healthz"),
                            "but alive: a restart would not help");
                    assertTrue(System.nanoTime() - down >= Duration.ofSeconds(30).toNanos());
                    broker.restart();
                    during.get(3, TimeUnit.MINUTES);
                } finally {
                    sender.shutdownNow();
                }
                support.sendWindow(p, config.topics().events(), "cam", t0 + 7_000, 3_000, 40, 0, "after");
                support.sendWindow(p, config.topics().events(), "cam", t0 + 12_000, 1_000, 1, 0, "clock");
                List<JsonNode> scores;
                try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                        config.topics().scores())) {
                    scores = BrokerTestSupport.readUntil(c, Duration.ofSeconds(150), r -> !r.isEmpty());
                    scores.addAll(BrokerTestSupport.readUntil(c, Duration.ofSeconds(5), r -> false));
                }
                assertEquals(1, scores.size(), "the window scored once: " + scores);
                assertEquals(200, scores.get(0).path("eventsCounted").asInt(), "100 before, 60 during, 40 after");
                assertEquals(200, BrokerTestSupport.httpStatus(monitor.metricsPort(), "/readyz"), "ready again");
            }
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void brokerUnavailableAtStart() throws Exception {
        int port = EmbeddedKafkaBroker.freePort();
        MonitorConfig config = config("127.0.0.1:" + port, "late-broker-it", "3m");
        PropertySet properties = PropertySet.defaults();
        try (MonitorRuntime monitor = MonitorRuntime.start(config, properties, ReferenceLoader.load(config, properties),
                MonitorListener.NONE)) {
            Thread.sleep(8_000);
            assertEquals(503, BrokerTestSupport.httpStatus(monitor.metricsPort(), "/readyz"), "not ready");
            assertEquals(200, BrokerTestSupport.httpStatus(monitor.metricsPort(), "/healthz"), "alive while waiting");
            Files.createDirectories(dir.resolve("kafka"));
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), false, port)) {
                broker.createTopics(DriftTopology.topicNames(config), 2);
                assertTrue(monitor.awaitRunning(Duration.ofSeconds(120)), "RUNNING once the broker is there");
                long t0 = (System.currentTimeMillis() / 10_000 - 10) * 10_000;
                try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
                    support.sendWindow(p, config.topics().events(), "cam", t0, 10_000, 60, 0, "w");
                    support.sendWindow(p, config.topics().events(), "cam", t0 + 12_000, 1_000, 1, 0, "clock");
                }
                try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                        config.topics().scores())) {
                    List<JsonNode> scores = BrokerTestSupport.readUntil(c, Duration.ofSeconds(90), r -> !r.isEmpty());
                    assertEquals(1, scores.size());
                    assertEquals(60, scores.get(0).path("eventsCounted").asInt());
                }
                assertEquals(null, monitor.failure());
            }
        }
    }

    private MonitorConfig config(String bootstrap, String app, String unreachable) throws Exception {
        Path reference = support.writeReference(dir, 300);
        Path file = dir.resolve(app + ".yaml");
        Files.writeString(file, """
                kafka:
                  bootstrap-servers: "%s"
                  application-id: %s
                  state-dir: %s
                window: {size: 10s, grace: 1s}
                reference: {snapshot: %s}
                metrics: {port: 0, host: 127.0.0.1}
                reliability: {unreachable-timeout: %s}
                """.formatted(bootstrap, app, dir.resolve("state-" + app), reference, unreachable));
        return ConfigLoader.load(file, Map.of());
    }
}
