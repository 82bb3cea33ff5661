package dev.imagedrift.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production `run` command against a broker that requires SASL/SCRAM-SHA-256, the password
 * given the Kubernetes way (an environment variable from a Secret): it authenticates and works
 * end to end, and the password appears nowhere it writes: its log, /metrics, /healthz, /readyz,
 * --print-config, the score and dead-letter records.
 */
class SaslScramIT {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void authenticatesWithScramAndNeverShowsThePassword() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        BrokerTestSupport support = new BrokerTestSupport();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startWithScramUser("monitor", password)) {
            broker.createTopics(List.of("image-events", "image-events-dlq", "image-drift-scores", "image-drift-alerts"), 1);
            Path reference = support.writeReference(dir, 300);
            int metricsPort = EmbeddedKafkaBroker.freePort();
            Path config = dir.resolve("sasl.yaml");
            Files.writeString(config, """
                    kafka:
                      bootstrap-servers: %s
                      application-id: sasl-it
                      state-dir: %s
                      properties:
                        security.protocol: SASL_PLAINTEXT
                        sasl.mechanism: SCRAM-SHA-256
                    window: {size: 10s, grace: 1s}
                    reference: {snapshot: %s}
                    metrics: {port: %d, host: 127.0.0.1}
                    """.formatted(broker.saslBootstrapServers(), dir.resolve("state"), reference, metricsPort));
            String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"monitor\" "
                    + "password=\"" + password + "\";";
            Path log = dir.resolve("run.log");

            Process printConfig = monitor(config, jaas, dir.resolve("print.log"), "--print-config");
            assertTrue(printConfig.waitFor(60, TimeUnit.SECONDS));
            String printed = Files.readString(dir.resolve("print.log"));
            assertTrue(printed.contains("sasl.jaas.config=<redacted>"), printed);

            Process run = monitor(config, jaas, log);
            List<String> served = new ArrayList<>();
            List<byte[]> written = new ArrayList<>();
            try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
                long t0 = (System.currentTimeMillis() / 10_000 - 10) * 10_000;
                support.sendWindow(p, "image-events", "cam", t0, 10_000, 60, 0, "w");
                p.send(new ProducerRecord<>("image-events", "cam", "{\"id\":\"broken\"".getBytes(StandardCharsets.UTF_8)));
                support.sendWindow(p, "image-events", "cam", t0 + 12_000, 1_000, 1, 0, "clock");
                try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                        "image-drift-scores", "image-events-dlq")) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
                    int scores = 0;
                    while (System.nanoTime() < deadline && (scores < 1 || written.size() < 2)) {
                        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(300))) {
                            written.add(r.value());
                            for (Header h : r.headers()) written.add(h.value());
                            if (r.topic().equals("image-drift-scores")) scores++;
                        }
                    }
                    assertEquals(1, scores, "authenticated with SCRAM and scored the window (see " + log + ")");
                }
                for (String path : List.of("/metrics", "/healthz", "/readyz", "/", "/config", "/env")) {
                    served.add(get(metricsPort, path));
                }
            } finally {
                run.destroy();
                assertTrue(run.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops it");
            }
            String logText = Files.readString(log);
            assertTrue(logText.contains("SASL_PLAINTEXT") || logText.contains("monitor started"), "the log was captured");
            assertFalse(logText.contains(password), "the password is not in the log");
            for (String body : served) {
                assertFalse(body.contains(password), "nor served over HTTP");
                assertFalse(body.contains("sasl"), "no configuration is served: " + body.substring(0, Math.min(200, body.length())));
            }
            for (byte[] value : written) {
                assertFalse(value != null && new String(value, StandardCharsets.UTF_8).contains(password),
                        "nor in any record the monitor wrote");
            }
        }
    }

    private static String get(int port, String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private Process monitor(Path config, String jaas, Path log, String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", classpath, "dev.imagedrift.cli.Main",
                "run", "--config", config.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("IMAGEDRIFT_"));
        pb.environment().put("IMAGEDRIFT_KAFKA_PROPERTY_SASL_JAAS_CONFIG", jaas);
        return pb.start();
    }
}
