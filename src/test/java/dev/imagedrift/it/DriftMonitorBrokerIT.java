package dev.imagedrift.it;

import dev.imagedrift.app.ReferenceLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.stream.DriftTopology;
import dev.imagedrift.stream.MonitorListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole monitor against a real in-process KRaft broker: two windows, drift in the second, one alert. */
class DriftMonitorBrokerIT {
    @TempDir
    Path dir;

    @Test
    void scoresBothWindowsAndAlertsOnTheDriftedOne() throws Exception {
        BrokerTestSupport support = new BrokerTestSupport();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Path reference = support.writeReference(dir, 300);
            Path configFile = dir.resolve("it.yaml");
            Files.writeString(configFile, """
                    kafka:
                      bootstrap-servers: %s
                      application-id: broker-it
                      state-dir: %s
                    window: {size: 10s, grace: 1s}
                    reference: {snapshot: %s}
                    alerting: {fire-after: 1, out-of: 1, resolve-after: 1}
                    metrics: {port: 0, host: 127.0.0.1}
                    """.formatted(broker.bootstrapServers(), dir.resolve("state"), reference));
            MonitorConfig config = ConfigLoader.load(configFile, Map.of());
            broker.createTopics(DriftTopology.topicNames(config), 2);
            PropertySet properties = PropertySet.defaults();
            try (MonitorRuntime monitor = MonitorRuntime.start(config, properties,
                    ReferenceLoader.load(config, properties), MonitorListener.NONE)) {
                assertTrue(monitor.awaitRunning(Duration.ofSeconds(60)), "RUNNING");
                assertEquals(200, BrokerTestSupport.httpStatus(monitor.metricsPort(), "/readyz"));
                long t0 = (System.currentTimeMillis() / 10_000 - 10) * 10_000; // a window boundary in the past
                try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
                    support.sendWindow(p, config.topics().events(), "cam", t0, 10_000, 200, 0, "w1");
                    support.sendWindow(p, config.topics().events(), "cam", t0 + 10_000, 10_000, 200, 60, "w2");
                    support.sendWindow(p, config.topics().events(), "cam", t0 + 21_000, 1_000, 1, 0, "clock");
                }
                List<JsonNode> scores;
                List<JsonNode> alerts;
                try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                        config.topics().scores())) {
                    scores = BrokerTestSupport.readUntil(c, Duration.ofSeconds(60), r -> r.size() >= 2);
                }
                try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                        config.topics().alerts())) {
                    alerts = BrokerTestSupport.readUntil(c, Duration.ofSeconds(30), r -> !r.isEmpty());
                }
                assertEquals(2, scores.size(), scores.toString());
                assertEquals("OK", scores.get(0).path("status").asText(), scores.get(0).toString());
                assertEquals(200, scores.get(0).path("eventsCounted").asInt());
                assertEquals("DRIFT", scores.get(1).path("status").asText());
                assertEquals("Brightness", scores.get(1).path("topProperties").get(0).path("property").asText());
                assertEquals(1, alerts.size());
                assertEquals("FIRING", alerts.get(0).path("state").asText());
                assertEquals("cam", alerts.get(0).path("stream").asText());

                String metrics = BrokerTestSupport.scrape(monitor.metricsPort());
                assertEquals(2.0, BrokerTestSupport.sample(metrics, "imagedrift_windows_evaluated_total{stream=\"cam\"}"));
                assertEquals(1.0, BrokerTestSupport.sample(metrics, "imagedrift_alert_firing{stream=\"cam\"}"));
                assertEquals(1.0, BrokerTestSupport.sample(metrics, "imagedrift_drift_status{stream=\"cam\"}"));
                assertEquals(401.0, BrokerTestSupport.sample(metrics, "imagedrift_images_processed_total{stream=\"cam\"}"));
                assertEquals(1.0, BrokerTestSupport.sample(metrics, "imagedrift_streams_state{state=\"RUNNING\"}"));
            }
        }
    }
}
