package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The person at the end of the alert path: an in-process HTTP server that takes Alertmanager's
 * webhook notifications (JSON: status, receiver, groupLabels, alerts[...]) on any path and keeps
 * them, with the path, in arrival order.
 */
final class WebhookReceiver implements AutoCloseable {
    /** Larger bodies are refused: a test receiver must not buffer whatever it is sent. */
    private static final int MAX_BODY = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One notification: the path it was posted to (/receiver-name) and its JSON body. */
    record Notification(String path, JsonNode body) {
        String status() {
            return body.path("status").asText();
        }

        List<JsonNode> alerts() {
            List<JsonNode> alerts = new ArrayList<>();
            body.path("alerts").forEach(alerts::add);
            return alerts;
        }
    }

    private final HttpServer server;
    private final List<Notification> received = new ArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY || !"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                Notification n = new Notification(exchange.getRequestURI().getPath(), JSON.readTree(body));
                synchronized (received) {
                    received.add(n);
                    received.notifyAll();
                }
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The base URL; a receiver's notifications go to {@code url() + "/" + receiver}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Notification> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The first notification (in arrival order) that matches, waiting up to {@code timeout} for it. */
    Optional<Notification> await(Predicate<Notification> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                Optional<Notification> found = received.stream().filter(matches).findFirst();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
