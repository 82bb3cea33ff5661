package dev.imagedrift.metrics;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The monitor's HTTP endpoint: {@code /metrics} (Prometheus text format), {@code /healthz}
 * (liveness: 200 unless the monitor has failed in a way only a restart mends; 503 with the reason)
 * and {@code /readyz} (200 only when ready: the Streams client is RUNNING and the reference is
 * loaded; 503 with the reason otherwise). Nothing else is served: no configuration, no environment.
 */
public final class HealthServer implements AutoCloseable {
    private final HTTPServer server;

    /** Readiness and, when not ready, why. */
    public record Readiness(boolean ready, String detail) {}

    private HealthServer(HTTPServer server) {
        this.server = server;
    }

    public static HealthServer start(String host, int port, PrometheusRegistry registry, Supplier<Readiness> readiness)
            throws IOException {
        return start(host, port, registry, readiness, () -> {});
    }

    /**
     * Starts the endpoint; {@code beforeScrape} runs before every scrape of {@code /metrics} (the
     * monitor expires idle per-stream series there), and a failure of it is logged, not served.
     */
    public static HealthServer start(String host, int port, PrometheusRegistry registry, Supplier<Readiness> readiness,
                                     Runnable beforeScrape) throws IOException {
        return start(host, port, registry, () -> new Readiness(true, "ok"), readiness, beforeScrape);
    }

    /** As above, with {@code liveness} answering {@code /healthz}. */
    public static HealthServer start(String host, int port, PrometheusRegistry registry, Supplier<Readiness> liveness,
                                     Supplier<Readiness> readiness, Runnable beforeScrape) throws IOException {
        GaugeWithCallback.builder().name("imagedrift_ready").help("1 when /readyz answers 200")
                .callback(cb -> cb.call(readiness.get().ready() ? 1 : 0)).register(registry);
        HTTPServer server = HTTPServer.builder()
                .hostname(host)
                .port(port)
                .registry(new BeforeScrapeRegistry(registry, beforeScrape))
                .registerHealthHandler(false)
                .defaultHandler(exchange -> handle(exchange, liveness, readiness))
                .buildAndStart();
        return new HealthServer(server);
    }

    private static void handle(HttpExchange exchange, Supplier<Readiness> liveness, Supplier<Readiness> readiness)
            throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/healthz" -> {
                    Readiness r = liveness.get();
                    respond(exchange, r.ready() ? 200 : 503, (r.ready() ? "ok" : "failing") + ": " + r.detail() + "\n");
                }
                case "/readyz" -> {
                    Readiness r = readiness.get();
                    respond(exchange, r.ready() ? 200 : 503, (r.ready() ? "ready" : "not ready") + ": " + r.detail() + "\n");
                }
                case "/" -> respond(exchange, 200, "image-drift-monitor: /metrics /healthz /readyz\n");
                default -> respond(exchange, 404, "not found\n"); // the path is not echoed back
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
