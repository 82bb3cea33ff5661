package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real Prometheus server (Debian's /usr/bin/prometheus) on a free loopback port, with its data
 * in a test directory, scraping one target every second as job {@code image-drift-monitor},
 * evaluating the given rule file every second, and optionally sending its alerts to an
 * Alertmanager. Closing kills it.
 */
final class PrometheusServer implements AutoCloseable {
    static final String JOB = "image-drift-monitor";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalServer server;

    private PrometheusServer(LocalServer server) {
        this.server = server;
    }

    static PrometheusServer start(Path dir, int targetPort, Path ruleFile) throws IOException, InterruptedException {
        return start(dir, targetPort, ruleFile, OptionalInt.empty());
    }

    /** As {@link #start(Path, int, Path)}, sending alerts to the Alertmanager on {@code alertmanagerPort}. */
    static PrometheusServer start(Path dir, int targetPort, Path ruleFile, OptionalInt alertmanagerPort)
            throws IOException, InterruptedException {
        ExternalTool prometheus = ExternalTool.require("prometheus", PrometheusRulesTest.PROMTOOL_HINT);
        Files.createDirectories(dir);
        Path config = dir.resolve("prometheus.yml");
        String alerting = alertmanagerPort.isEmpty() ? "" : """
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                """.formatted(alertmanagerPort.getAsInt());
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
                %s""".formatted(ruleFile.toAbsolutePath(), JOB, targetPort, alerting));
        return new PrometheusServer(LocalServer.start(prometheus, "prometheus", dir, "/-/ready", port -> List.of(
                "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=1h", "--web.listen-address=127.0.0.1:" + port,
                // Resend firing alerts every second (default 1m), in step with the 1 s evaluations.
                "--rules.alert.resend-delay=1s")));
    }

    /** The {@code data} of a successful API answer, e.g. {@code api("/api/v1/alerts")}. */
    JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = server.get(path);
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

    /** The last lines Prometheus logged, for failure messages. */
    String logTail() {
        return server.logTail();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
