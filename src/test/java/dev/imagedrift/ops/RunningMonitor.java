package dev.imagedrift.ops;

import dev.imagedrift.app.ReferenceLoader;
import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.tools.demo.BundledSamples;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ImageLoaders;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SnapshotBuilder;
import dev.imagedrift.reference.SnapshotIO;
import dev.imagedrift.reference.SnapshotOptions;
import dev.imagedrift.stream.DriftTopology;
import dev.imagedrift.stream.MonitorListener;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real product for the operations tests: an in-process KRaft broker, a reference snapshot of
 * the bundled photos, the monitor with short windows and its HTTP endpoint on a free loopback
 * port, and live photo traffic. Closing stops everything it started, in reverse order.
 */
final class RunningMonitor implements AutoCloseable {
    /** The bundled test model (scripts/make-test-model.py). */
    static final Path EMBEDDING_MODEL = Path.of("samples/models/tiny-embedder.onnx");
    /** Short windows so a test sees many of them; grace as a fraction of the window, as in production. */
    static final String WINDOW = "window: {size: 5s, grace: 1s}";

    private final EmbeddedKafkaBroker broker;
    private final MonitorConfig config;
    private final MonitorRuntime monitor;
    private final LiveImageTraffic traffic;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningMonitor(EmbeddedKafkaBroker broker, MonitorConfig config, MonitorRuntime monitor,
                           LiveImageTraffic traffic) {
        this.broker = broker;
        this.config = config;
        this.monitor = monitor;
        this.traffic = traffic;
    }

    /** Starts it all in {@code dir}; {@code extraYaml} adds configuration sections (alerting, ...). */
    static RunningMonitor start(Path dir, int expectedStreams, String metricsYaml, String extraYaml)
            throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        MonitorRuntime monitor = null;
        try {
            PropertySet properties = PropertySet.discover();
            Path reference = dir.resolve("reference.json.gz");
            ReferenceSnapshot snapshot = new SnapshotBuilder(properties, ImageLoaders.standard(),
                    SnapshotOptions.defaults()).build(BundledSamples.extract("reference", dir)).snapshot();
            // With embeddings from the bundled test model, which also embeds every image in the stream, so
            // the embedding test's series are in the scrape like every other documented metric.
            dev.imagedrift.embedding.EmbedderSpec spec = new dev.imagedrift.embedding.EmbedderSpec(EMBEDDING_MODEL,
                    null, 32, null, null);
            try (dev.imagedrift.embedding.ImageEmbedder embedder = dev.imagedrift.embedding.Embedders.open(spec,
                    RunningMonitor.class.getClassLoader())) {
                snapshot = dev.imagedrift.reference.SnapshotEmbeddings.attach(snapshot,
                        dev.imagedrift.reference.SnapshotEmbeddings.fromModel(snapshot, ImageLoaders.standard(),
                                embedder, 2), embedder.model(), spec, 8);
            }
            SnapshotIO.write(snapshot, reference);
            Path configFile = dir.resolve("monitor.yaml");
            Files.writeString(configFile, """
                    kafka:
                      bootstrap-servers: %s
                      application-id: ops-it-%s
                      state-dir: %s
                    %s
                    reference: {snapshot: %s}
                    detection: {expected-streams: %d}
                    metrics: {port: 0, host: 127.0.0.1%s}
                    embedding: {onnx-model: %s}
                    %s
                    """.formatted(broker.bootstrapServers(), UUID.randomUUID(), dir.resolve("state"), WINDOW,
                    reference, expectedStreams, metricsYaml.isEmpty() ? "" : ", " + metricsYaml,
                    EMBEDDING_MODEL.toAbsolutePath(), extraYaml));
            MonitorConfig config = ConfigLoader.load(configFile, Map.of());
            broker.createTopics(DriftTopology.topicNames(config), 2);
            monitor = MonitorRuntime.start(config, properties, ReferenceLoader.load(config, properties),
                    MonitorListener.NONE);
            assertTrue(monitor.awaitRunning(Duration.ofSeconds(90)), "monitor RUNNING: " + monitor.streams().state());
            LiveImageTraffic traffic = new LiveImageTraffic(broker.bootstrapServers(), config.topics().events(),
                    BundledSamples.extract("current", dir), BundledSamples.extract("current-brightened", dir));
            return new RunningMonitor(broker, config, monitor, traffic);
        } catch (Exception | Error e) {
            if (monitor != null) {
                monitor.close();
            }
            broker.close();
            throw e;
        }
    }

    MonitorConfig config() {
        return config;
    }

    LiveImageTraffic traffic() {
        return traffic;
    }

    int metricsPort() {
        return monitor.metricsPort();
    }

    /** The text exposition of the real endpoint, as a scraper asking for the classic text format gets it. */
    String scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/metrics");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort() + path))
                .header("Accept", "text/plain; version=0.0.4").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        try {
            traffic.close();
        } finally {
            try {
                monitor.close();
            } finally {
                broker.close();
            }
        }
    }
}
