package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real Prometheus server (Debian's /usr/bin/prometheus) on a free loopback port, with its data
 * in a test directory, scraping one target every second as job {@code image-drift-monitor} and
 * evaluating the given rule file every second. Closing kills it.
 */
final class PrometheusServer implements AutoCloseable {
    static final String JOB = "image-drift-monitor";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();
    /** Kills the server if the test JVM exits without closing it (a killed fork, a timeout). */
    private final Thread killOnExit;

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-prometheus");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static PrometheusServer start(Path dir, int targetPort, Path ruleFile) throws IOException, InterruptedException {
        ExternalTool prometheus = ExternalTool.require("prometheus", PrometheusRulesTest.PROMTOOL_HINT);
        Files.createDirectories(dir);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files: ['%s']
                scrape_configs:
                  - job_name: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(ruleFile.toAbsolutePath(), JOB, targetPort));
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = prometheus.start(dir, log, "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--storage.tsdb.retention.time=1h",
                "--web.listen-address=127.0.0.1:" + port);
        PrometheusServer server = new PrometheusServer(process, port, log);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException | Error | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("prometheus exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(200);
        }
        fail("prometheus not ready within " + READY_TIMEOUT + ":\n" + logTail());
    }

    /** The {@code data} of a successful API answer, e.g. {@code api("/api/v1/alerts")}. */
    JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            fail(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return body.path("data");
    }

    /** An instant query's result vector. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The last lines Prometheus logged, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; the process is already gone
        }
    }
}
