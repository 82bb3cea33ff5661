package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager) on a free loopback port, alone (no
 * cluster peers), with its data in a test directory. Closing kills it.
 */
final class AlertmanagerServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalServer server;

    private AlertmanagerServer(LocalServer server) {
        this.server = server;
    }

    static AlertmanagerServer start(Path dir, Path config) throws IOException, InterruptedException {
        ExternalTool alertmanager = ExternalTool.require("prometheus-alertmanager", AlertmanagerFiles.AMTOOL_HINT);
        return new AlertmanagerServer(LocalServer.start(alertmanager, "alertmanager", dir, "/-/ready", port -> List.of(
                "--config.file=" + config.toAbsolutePath(), "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                // An empty address turns the gossip cluster (0.0.0.0:9094 by default) off.
                "--cluster.listen-address=")));
    }

    int port() {
        return server.port();
    }

    /** Alerts as Prometheus sends them (API v2: a JSON array of {labels, annotations, startsAt, ...}). */
    void post(String alertsJson) throws IOException, InterruptedException {
        HttpResponse<String> r = server.postJson("/api/v2/alerts", alertsJson);
        if (r.statusCode() != 200) {
            fail("POST /api/v2/alerts answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The alerts Alertmanager holds, with their status (state, inhibitedBy, silencedBy). */
    JsonNode alerts() throws IOException, InterruptedException {
        HttpResponse<String> r = server.get("/api/v2/alerts");
        if (r.statusCode() != 200) {
            fail("GET /api/v2/alerts answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    String logTail() {
        return server.logTail();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
