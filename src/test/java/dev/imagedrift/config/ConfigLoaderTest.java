package dev.imagedrift.config;

import dev.imagedrift.detect.DetectionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path f = dir.resolve("application.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void defaultsWithoutFileOrEnvironment() {
        MonitorConfig c = ConfigLoader.load(null, Map.of());
        assertEquals("localhost:9092", c.kafka().bootstrapServers());
        assertEquals("exactly_once_v2", c.kafka().processingGuarantee());
        assertEquals(Duration.ofMinutes(5), c.window().size());
        assertEquals(Duration.ofMinutes(5), c.window().advance());
        assertEquals(Duration.ofMinutes(1), c.window().grace());
        assertEquals(10_000, c.window().maxSamples());
        assertEquals("image-events-dlq", c.topics().deadLetter());
        assertEquals(DetectionMode.CALIBRATED, c.detection().detectionMode());
        assertEquals(0.01, c.detection().perWindowAlpha());
        assertEquals(9400, c.metrics().port());
    }

    @Test
    void fileValuesThenEnvironmentOverrides() throws Exception {
        Path f = yaml("""
                kafka:
                  bootstrap-servers: broker-a:9092
                  properties:
                    security.protocol: SASL_SSL
                window:
                  size: 10m
                  grace: PT30S
                detection:
                  mode: reference-check
                  expected-streams: 4
                """);
        MonitorConfig c = ConfigLoader.load(f, Map.of(
                "IMAGEDRIFT_KAFKA_BOOTSTRAP_SERVERS", "broker-b:9093",
                "IMAGEDRIFT_WINDOW_MAX_SAMPLES", "500",
                "IMAGEDRIFT_KAFKA_PROPERTY_SASL_JAAS_CONFIG", "secret-jaas",
                "IMAGEDRIFT_CONFIG", "/ignored/path",
                "PATH", "/usr/bin"));
        assertEquals("broker-b:9093", c.kafka().bootstrapServers());
        assertEquals("SASL_SSL", c.kafka().properties().get("security.protocol"));
        assertEquals("secret-jaas", c.kafka().properties().get("sasl.jaas.config"));
        assertEquals(Duration.ofMinutes(10), c.window().size());
        assertEquals(Duration.ofMinutes(10), c.window().advance(), "advance defaults to size (tumbling)");
        assertEquals(Duration.ofSeconds(30), c.window().grace());
        assertEquals(500, c.window().maxSamples());
        assertEquals(DetectionMode.REFERENCE_CHECK, c.detection().detectionMode());
        assertEquals(0.0025, c.detection().perWindowAlpha(), 1e-12, "bonferroni over 4 streams");
    }

    @Test
    void unknownKeyIsNamed() throws Exception {
        Path f = yaml("window:\n  sise: 5m\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f, Map.of()));
        assertTrue(e.getMessage().contains("window.sise"), e.getMessage());
        assertTrue(e.getMessage().contains("max-samples"), "lists the known keys: " + e.getMessage());
    }

    @Test
    void unknownKeyFromEnvironmentNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("IMAGEDRIFT_WINDOW_SISE", "5m")));
        assertTrue(e.getMessage().contains("IMAGEDRIFT_WINDOW_SISE"), e.getMessage());
        ConfigException section = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("IMAGEDRIFT_WINDOWS_SIZE", "5m")));
        assertTrue(section.getMessage().contains("IMAGEDRIFT_WINDOWS_SIZE"), section.getMessage());
    }

    @Test
    void badValuesNameTheKey() throws Exception {
        assertMessage("window:\n  size: five minutes\n", "window.size");
        assertMessage("window:\n  max-samples: lots\n", "window.max-samples");
        assertMessage("window:\n  size: 5m\n  advance: 2m\n", "window.advance");
        assertMessage("window:\n  grace: -PT1S\n", "window.grace");
        assertMessage("detection:\n  alpha: 1.5\n", "detection.alpha");
        assertMessage("detection:\n  folds: 1\n", "detection.folds");
        assertMessage("detection:\n  mode: magic\n", "detection.mode");
        assertMessage("detection:\n  correction: holm\n", "detection.correction");
        assertMessage("alerting:\n  fire-after: 4\n  out-of: 3\n", "alerting.out-of");
        assertMessage("kafka:\n  processing-guarantee: exactly_once\n", "kafka.processing-guarantee");
        assertMessage("topics:\n  scores: same\n  alerts: same\n", "topics");
        assertMessage("metrics:\n  port: 70000\n", "metrics.port");
    }

    @Test
    void staleSeriesTimeDefaultsToThreeWindowsAndGrace() throws Exception {
        assertEquals(Duration.ofMinutes(16), ConfigLoader.load(null, Map.of()).staleSeriesAfter());
        MonitorConfig c = ConfigLoader.load(yaml("window:\n  size: 10s\n  grace: 2s\n"), Map.of());
        assertEquals(Duration.ofSeconds(32), c.staleSeriesAfter());
    }

    @Test
    void staleSeriesTimeFromFileOrEnvironment() throws Exception {
        MonitorConfig c = ConfigLoader.load(yaml("metrics:\n  stale-after: 2h\n"), Map.of());
        assertEquals(Duration.ofHours(2), c.staleSeriesAfter());
        MonitorConfig e = ConfigLoader.load(null, Map.of("IMAGEDRIFT_METRICS_STALE_AFTER", "45m"));
        assertEquals(Duration.ofMinutes(45), e.staleSeriesAfter());
    }

    @Test
    void staleSeriesTimeMustOutlastTheGapBetweenWindows() throws Exception {
        // 5m windows with 1m grace close every 5m and report up to 1m late: 6m would blink.
        assertMessage("metrics:\n  stale-after: 6m\n", "metrics.stale-after");
        assertEquals(Duration.ofSeconds(361),
                ConfigLoader.load(yaml("metrics:\n  stale-after: 361s\n"), Map.of()).staleSeriesAfter());
    }

    private void assertMessage(String text, String key) throws Exception {
        Path f = yaml(text);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f, Map.of()), text);
        assertTrue(e.getMessage().contains(key), "message should name " + key + ": " + e.getMessage());
    }

    @Test
    void kafkaPassThroughSettingsMustBeKafkaSettings() throws Exception {
        MonitorConfig ok = ConfigLoader.load(yaml("""
                kafka:
                  properties:
                    security.protocol: SASL_SSL
                    sasl.mechanism: SCRAM-SHA-512
                    replication.factor: 3
                    producer.compression.type: zstd
                    topic.min.insync.replicas: 2
                """), Map.of("IMAGEDRIFT_KAFKA_PROPERTY_GROUP_INSTANCE_ID", "pod-0"));
        assertEquals("3", ok.kafka().properties().get("replication.factor"), "numbers are passed as text");
        assertEquals("pod-0", ok.kafka().properties().get("group.instance.id"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("IMAGEDRIFT_KAFKA_PROPERTY_SASL_JAAS_CONFG", "x")));
        assertTrue(e.getMessage().contains("kafka.properties.sasl.jaas.confg"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean sasl.jaas.config"), e.getMessage());
    }

    @Test
    void hoppingWindowsAreAllowedWhenAdvanceDividesSize() throws Exception {
        MonitorConfig c = ConfigLoader.load(yaml("window:\n  size: 10m\n  advance: 5m\n"), Map.of());
        assertTrue(!c.window().tumbling());
    }

    @Test
    void imagesByUriAreOffUntilPrefixesAreListed() throws Exception {
        MonitorConfig none = ConfigLoader.load(null, Map.of());
        assertTrue(none.fetch().allowList().isEmpty(), "nothing is fetched by default");
        MonitorConfig list = ConfigLoader.load(yaml("""
                fetch:
                  allowed-prefixes:
                    - https://bucket.s3.eu-west-1.amazonaws.com/frames/
                    - file:///mnt/frames/
                  deadline: 20s
                """), Map.of());
        assertEquals(2, list.fetch().allowList().prefixes().size());
        assertEquals(Duration.ofSeconds(20), list.fetch().settings(1000).deadline());
        assertEquals(1000, list.fetch().settings(1000).maxBytes(), "the size limit is images.max-bytes");
        MonitorConfig env = ConfigLoader.load(null, Map.of("IMAGEDRIFT_FETCH_ALLOWED_PREFIXES",
                "https://a.example/frames/, http://10.0.0.7:9000/x/"));
        assertEquals(List.of("https://a.example/frames/", "http://10.0.0.7:9000/x/"), env.fetch().allowedPrefixes(),
                "a comma-separated variable is a list");
        assertMessage("fetch:\n  allowed-prefixes: [\"https://a.example/x/?X-Amz-Signature=abc\"]\n", "fetch.allowed-prefixes");
        assertMessage("fetch:\n  allowed-prefixes: [\"s3://bucket/x/\"]\n", "fetch.allowed-prefixes");
        assertMessage("fetch:\n  deadline: 5m\n", "fetch.deadline");
        assertMessage("fetch:\n  concurrency: 0\n", "fetch.concurrency");
        assertMessage("fetch:\n  max-pending: 0\n", "fetch.max-pending");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml(
                "fetch:\n  allowed-prefixes: [\"https://a.example/x/?X-Amz-Signature=abc\"]\n"), Map.of()));
        assertTrue(!e.getMessage().contains("X-Amz-Signature=abc"), "no query in the message: " + e.getMessage());
    }
}
