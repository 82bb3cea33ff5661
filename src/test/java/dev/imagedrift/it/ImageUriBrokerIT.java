package dev.imagedrift.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.app.ReferenceLoader;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.fetch.TestImageServer;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.stream.DeadLetterHeaders;
import dev.imagedrift.stream.DriftTopology;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.tools.bench.SyntheticProperties;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Images by URI through a real broker: events naming their images on an in-process HTTP server are
 * scored in their window, the event that closes the window (sent right after them, on the same
 * partition) is counted after them, fetch failures are dead letters, and the fetch metrics are
 * scraped. Then the monitor is killed with fetches in flight and restarted on a fresh state
 * directory: the waiting events come back from the changelog, are fetched again, and every event is
 * counted exactly once.
 */
class ImageUriBrokerIT {
    private static final String SECRET = "X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=0ddba11";

    @TempDir
    Path dir;

    private static byte[] event(String id, String uri, long time) {
        return ("{\"id\":\"" + id + "\",\"stream\":\"cam\",\"timestamp\":" + time + ",\"imageUri\":\"" + uri + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<Path> photos(int n) throws Exception {
        try (var files = Files.list(Path.of("samples/reference"))) {
            return files.sorted().limit(n).toList();
        }
    }

    @Test
    void imageUriEventsAreScoredInOrderWithFailuresDeadLettered() throws Exception {
        BrokerTestSupport support = new BrokerTestSupport();
        List<Path> photos = photos(60);
        Random random = new Random(3);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(); TestImageServer server = new TestImageServer()) {
            for (Path p : photos) {
                server.route("/img/" + p.getFileName(), TestImageServer.image(Files.readAllBytes(p),
                        Duration.ofMillis(20 + random.nextInt(60))));
            }
            server.route("/img/missing.jpg", TestImageServer.status(404));
            server.route("/img/huge.jpg", server.declaring(500_000_000L));
            server.route("/img/slowloris.jpg", TestImageServer.trickle(100_000, Duration.ofMillis(100)));
            server.route("/img/away.jpg", TestImageServer.redirect(302, "http://169.254.169.254/latest/meta-data/"));
            Map<String, String> bad = new HashMap<>();
            bad.put("missing.jpg", "fetch_status");
            bad.put("huge.jpg", "too_large");
            bad.put("slowloris.jpg", "fetch_timeout");
            bad.put("away.jpg", "uri_not_allowed");

            Path reference = support.writeReference(dir, 300);
            Path configFile = dir.resolve("it.yaml");
            Files.writeString(configFile, """
                    kafka:
                      bootstrap-servers: %s
                      application-id: image-uri-it
                      state-dir: %s
                    window: {size: 10s, grace: 1s}
                    reference: {snapshot: %s}
                    images: {max-bytes: 2000000}
                    fetch:
                      allowed-prefixes: [%s]
                      read-timeout: 3s
                      deadline: 4s
                    metrics: {port: 0, host: 127.0.0.1}
                    """.formatted(broker.bootstrapServers(), dir.resolve("state"), reference, server.url("/img/")));
            MonitorConfig config = ConfigLoader.load(configFile, Map.of());
            broker.createTopics(DriftTopology.topicNames(config), 2);
            PropertySet properties = PropertySet.defaults();
            try (MonitorRuntime monitor = MonitorRuntime.start(config, properties,
                    ReferenceLoader.load(config, properties), MonitorListener.NONE)) {
                assertTrue(monitor.awaitRunning(Duration.ofSeconds(90)), "RUNNING");
                long t0 = (System.currentTimeMillis() / 10_000 - 10) * 10_000;
                String topic = config.topics().events();
                try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
                    int badIndex = 0;
                    List<String> badNames = new ArrayList<>(bad.keySet());
                    for (int i = 0; i < photos.size(); i++) {
                        long t = t0 + i * 150L;
                        p.send(new ProducerRecord<>(topic, null, t, "cam", event("img-" + i,
                                server.url("/img/" + photos.get(i).getFileName() + "?" + SECRET), t)));
                        if (i % 15 == 7) {
                            String name = badNames.get(badIndex++);
                            p.send(new ProducerRecord<>(topic, null, t, "cam", event("bad-" + name,
                                    server.url("/img/" + name + "?" + SECRET), t)));
                        }
                    }
                    // At once, on the same partition: it must still be counted after every image before it.
                    long clock = t0 + 11_500;
                    p.send(new ProducerRecord<>(topic, null, clock, "cam",
                            new SyntheticProperties(1).event("clock", "cam", clock)));
                    p.flush();
                }
                List<JsonNode> scores;
                try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                        config.topics().scores())) {
                    scores = BrokerTestSupport.readUntil(c, Duration.ofSeconds(120), r -> !r.isEmpty());
                }
                assertEquals(1, scores.size(), scores.toString());
                assertEquals(photos.size(), scores.get(0).path("eventsCounted").asInt(),
                        "every image fetched and counted before the later event closed the window");
                assertEquals(photos.size(), scores.get(0).path("nCurrent").asInt());

                Map<String, String> reasons = new HashMap<>();
                try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                        config.topics().deadLetter())) {
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (reasons.size() < bad.size() && System.nanoTime() < deadline) {
                        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                            String value = new String(r.value(), StandardCharsets.UTF_8);
                            String message = DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.MESSAGE);
                            assertFalse(message.contains("AKIAEXAMPLE") || message.contains("0ddba11"), message);
                            String name = bad.keySet().stream().filter(value::contains).findFirst().orElseThrow();
                            reasons.put(name, DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON));
                        }
                    }
                }
                assertEquals(bad, reasons);

                String metrics = BrokerTestSupport.scrape(monitor.metricsPort());
                assertEquals(photos.size(), BrokerTestSupport.sample(metrics,
                        "imagedrift_fetch_duration_seconds_count{scheme=\"http\"}"));
                for (String reason : bad.values()) {
                    assertEquals(1.0, BrokerTestSupport.sample(metrics,
                            "imagedrift_fetch_failures_total{reason=\"" + reason + "\"}"), reason);
                }
                assertEquals(photos.size() + 1.0, BrokerTestSupport.sample(metrics,
                        "imagedrift_images_processed_total{stream=\"cam\"}"));
                assertEquals(0.0, BrokerTestSupport.sample(metrics, "imagedrift_fetch_waiting_events"));
                assertEquals(0.0, BrokerTestSupport.sample(metrics, "imagedrift_fetch_buffered_bytes"));
                assertFalse(metrics.contains("AKIAEXAMPLE"));
                assertTrue(server.maxInProgress() > 1, "fetches overlapped");
            }
        }
    }

    /**
     * Twenty images are served at once and twenty are held; with the held fetches in flight and
     * the input committed, the monitor is killed (SIGKILL) and started again on a fresh state
     * directory, as when its pod moves. The window counts all forty, once.
     */
    @Test
    void aMonitorKilledMidFetchLosesAndRepeatsNothing() throws Exception {
        String app = "image-uri-restart-it";
        BrokerTestSupport support = new BrokerTestSupport();
        List<Path> photos = photos(40);
        CountDownLatch release = new CountDownLatch(1);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(); TestImageServer server = new TestImageServer()) {
            for (int i = 0; i < photos.size(); i++) {
                byte[] bytes = Files.readAllBytes(photos.get(i));
                server.route("/img/" + photos.get(i).getFileName(), i < 20 ? TestImageServer.image(bytes, Duration.ZERO)
                        : TestImageServer.held(bytes, release, Duration.ofSeconds(120)));
            }
            Path reference = support.writeReference(dir, 300);
            String events = "image-events";
            broker.createTopics(List.of(events, "image-events-dlq", "image-drift-scores", "image-drift-alerts"), 2);
            long t0 = (System.currentTimeMillis() / 10_000 - 20) * 10_000;
            Process first = startMonitor(broker, app, reference, server, dir.resolve("state-1"), "first.log");
            try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
                for (int i = 0; i < photos.size(); i++) {
                    long t = t0 + i * 200L;
                    p.send(new ProducerRecord<>(events, null, t, "cam", event("img-" + i,
                            server.url("/img/" + photos.get(i).getFileName() + "?" + SECRET), t)));
                }
                p.flush();
                awaitCommitted(broker.bootstrapServers(), app, events, 20, Duration.ofSeconds(120));
                for (int i = 0; i < 200 && server.inProgress() < 20; i++) {
                    Thread.sleep(50);
                }
                assertEquals(20, server.inProgress(), "the twenty held fetches are in flight");
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9 with fetches in flight
                release.countDown();

                Process second = startMonitor(broker, app, reference, server, dir.resolve("state-2"), "second.log");
                try {
                    long clock = t0 + 12_000;
                    p.send(new ProducerRecord<>(events, null, clock, "cam",
                            new SyntheticProperties(1).event("clock", "cam", clock)));
                    p.flush();
                    List<JsonNode> scores;
                    try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                            "image-drift-scores")) {
                        scores = BrokerTestSupport.readUntil(c, Duration.ofSeconds(150), r -> !r.isEmpty());
                        scores.addAll(BrokerTestSupport.readUntil(c, Duration.ofSeconds(5), r -> false));
                    }
                    List<JsonNode> window = scores.stream().filter(s -> s.path("windowStart").asText()
                            .equals(Instant.ofEpochMilli(t0).toString())).toList();
                    assertEquals(1, window.size(), "one result for the window: " + scores);
                    assertEquals(40, window.get(0).path("eventsCounted").asInt(),
                            "20 handed on before the kill + 20 restored and fetched again");
                    assertEquals(40, window.get(0).path("nCurrent").asInt());
                    for (int i = 20; i < 40; i++) {
                        assertEquals(2, server.requestsFor("/img/" + photos.get(i).getFileName()),
                                "held image " + i + ": fetched before the kill and again after the restore");
                    }
                } finally {
                    second.destroy();
                    assertTrue(second.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the monitor");
                }
            } finally {
                first.destroyForcibly();
                release.countDown();
            }
        }
    }

    /** {@code snapshot --from-topic --config}: the stream's images by URI fetched with the service's settings. */
    @Test
    void aSnapshotFromTheTopicFetchesImagesByUriAsTheMonitorDoes() throws Exception {
        List<Path> photos = photos(30);
        Instant t0 = Instant.parse("2026-12-01T08:00:00Z");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(); TestImageServer server = new TestImageServer()) {
            for (Path p : photos) {
                server.route("/img/" + p.getFileName(), TestImageServer.image(Files.readAllBytes(p), Duration.ofMillis(30)));
            }
            server.route("/img/missing.jpg", TestImageServer.status(404));
            broker.createTopics(List.of("image-events"), 1);
            try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
                for (int i = 0; i < photos.size(); i++) {
                    long t = t0.toEpochMilli() + 1_000L * (i + 10);
                    String uri = server.url("/img/" + photos.get(i).getFileName() + "?" + SECRET);
                    p.send(new ProducerRecord<>("image-events", null, t, "cam", event("in-" + i, uri, t)));
                    byte[] other = ("{\"id\":\"other-" + i + "\",\"stream\":\"cam-2\",\"timestamp\":" + t
                            + ",\"imageUri\":\"" + server.url("/img/other-" + i + ".jpg") + "\"}").getBytes(StandardCharsets.UTF_8);
                    p.send(new ProducerRecord<>("image-events", null, t, "cam-2", other));
                }
                long before = t0.toEpochMilli() + 2_000;
                p.send(new ProducerRecord<>("image-events", null, before, "cam", event("early",
                        server.url("/img/early.jpg"), before)));
                long t = t0.toEpochMilli() + 50_000;
                p.send(new ProducerRecord<>("image-events", null, t, "cam", event("gone", server.url("/img/missing.jpg"), t)));
            }
            Path config = dir.resolve("service.yaml");
            Files.writeString(config, """
                    kafka: {bootstrap-servers: "%s"}
                    fetch: {allowed-prefixes: ["%s"]}
                    """.formatted(broker.bootstrapServers(), server.url("/img/")));
            Path out = dir.resolve("cam.json.gz");
            dev.imagedrift.cli.CliRun r = dev.imagedrift.cli.CliRun.of(dev.imagedrift.cli.Main.commandLine(), "snapshot",
                    "--from-topic", "--stream", "cam", "--from", "2026-12-01T08:00:05Z", "--to", "2026-12-01T08:01:00Z",
                    "--config", config.toString(), "--out", out.toString(), "--timeout", "60s");
            assertEquals(0, r.exitCode(), r.err() + r.out());
            dev.imagedrift.reference.ReferenceSnapshot snapshot = dev.imagedrift.reference.SnapshotIO.read(out);
            assertEquals(photos.size(), snapshot.samples().size());
            assertEquals(1, snapshot.skipped().size(), snapshot.skipped().toString());
            assertEquals("fetch_status", snapshot.skipped().get(0).reason());
            assertEquals(photos.size() + 1, server.requests().size(),
                    "only the stream's events in range were fetched: " + server.requests());
            assertTrue(server.maxInProgress() > 1, "several at once");
        }
    }

    private Process startMonitor(EmbeddedKafkaBroker broker, String app, Path reference, TestImageServer server,
                                 Path stateDir, String log) throws Exception {
        Path config = dir.resolve("restart-" + stateDir.getFileName() + ".yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-servers: %s
                  application-id: %s
                  state-dir: %s
                  properties:
                    transaction.timeout.ms: 10000
                    session.timeout.ms: 6000
                window: {size: 10s, grace: 1s}
                reference: {snapshot: %s}
                fetch:
                  allowed-prefixes: [%s]
                  read-timeout: 50s
                  deadline: 55s
                metrics: {port: 0, host: 127.0.0.1}
                """.formatted(broker.bootstrapServers(), app, stateDir, reference, server.url("/img/")));
        return MonitorProcess.start(config, dir.resolve(log), "512m");
    }

    /**
     * Waits until the application has committed every input record (with the waiting ones in its
     * store) and at least {@code handedOn} records on the repartition topic.
     */
    private static void awaitCommitted(String bootstrap, String app, String input, long handedOn, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(app).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, Long> ends = new HashMap<>();
                if (!committed.isEmpty()) {
                    admin.listOffsets(committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                            .all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
                }
                boolean inputDone = committed.keySet().stream().anyMatch(tp -> tp.topic().equals(input))
                        && committed.entrySet().stream().filter(e -> e.getKey().topic().equals(input))
                        .allMatch(e -> ends.get(e.getKey()) - e.getValue().offset() <= 1);
                long repartitioned = committed.entrySet().stream().filter(e -> e.getKey().topic().contains("repartition"))
                        .mapToLong(e -> e.getValue().offset()).sum();
                if (inputDone && repartitioned >= handedOn) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the first monitor did not commit its input within " + timeout + " (see first.log)");
    }
}
