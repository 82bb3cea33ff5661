package dev.imagedrift.ops;

import dev.imagedrift.app.ReferenceLoader;
import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SnapshotIO;
import dev.imagedrift.reference.SnapshotRow;
import dev.imagedrift.stream.MonitorListener;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Before the Kafka Streams client is RUNNING the monitor is alive but not ready. Observed
 * reliably by giving it a broker address nobody listens on: the client can never leave
 * REBALANCING, so the answers cannot race a state change.
 */
class ReadinessBeforeRunningIT {
    @TempDir
    Path dir;

    @Test
    void aliveButNotReadyUntilTheStreamsClientRuns() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort(); // closed again: nothing listens there
        }
        Path configFile = dir.resolve("monitor.yaml");
        Files.writeString(configFile, """
                kafka:
                  bootstrap-servers: 127.0.0.1:%d
                  state-dir: %s
                reference: {snapshot: %s}
                metrics: {port: 0, host: 127.0.0.1}
                """.formatted(deadPort, dir.resolve("state"), writeReference()));
        MonitorConfig config = ConfigLoader.load(configFile, Map.of());
        PropertySet properties = PropertySet.defaults();
        try (MonitorRuntime monitor = MonitorRuntime.start(config, properties,
                ReferenceLoader.load(config, properties), MonitorListener.NONE)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = get(http, monitor, "/healthz");
            HttpResponse<String> ready = get(http, monitor, "/readyz");
            String metrics = get(http, monitor, "/metrics").body();
            assertNotEquals(KafkaStreams.State.RUNNING, monitor.streams().state());

            assertEquals(200, health.statusCode(), health.body());
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().startsWith("not ready: kafka streams "), ready.body());
            Exposition e = Exposition.parse(metrics);
            assertEquals(Optional.of(0.0), e.value("imagedrift_ready", Map.of()));
            assertEquals(Optional.of(0.0), e.value("imagedrift_streams_state", Map.of("state", "RUNNING")));
            assertEquals(Optional.of(20.0), e.value("imagedrift_reference_samples", Map.of()));
        }
    }

    private static HttpResponse<String> get(HttpClient http, MonitorRuntime monitor, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitor.metricsPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A small reference: its content does not matter here, only that the monitor can load it. */
    private Path writeReference() throws Exception {
        List<SnapshotRow> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new SnapshotRow("ref-" + i, new double[] {0.75, 4800 + i, 100 + i, 40, 0.33, 0.34, 0.33}));
        }
        ReferenceSnapshot snapshot = new ReferenceSnapshot(ReferenceSnapshot.FORMAT_VERSION, Instant.now().toString(),
                "synthetic", PropertySet.defaults().names(), rows.size(), List.of(), rows.size(), 42L, rows);
        Path file = dir.resolve("reference.json.gz");
        SnapshotIO.write(snapshot, file);
        return file;
    }
}
