package dev.imagedrift.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JDK's own HTTP server on 127.0.0.1 with behaviours a test picks per path: an image after a
 * latency, an error status, a redirect, a body that trickles or never ends, a response held until
 * released. It records every request (path and query) and how many were in progress at once.
 */
public final class TestImageServer implements AutoCloseable {
    /** What the server does for one request. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-image-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private volatile Responder fallback = ex -> send(ex, 404, new byte[0]);
    private final List<URI> requests = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger maxInProgress = new AtomicInteger();
    /** Body bytes the server managed to write for requests whose client went away. */
    private final AtomicLong bytesWrittenBeforeAbort = new AtomicLong();
    private final AtomicInteger aborted = new AtomicInteger();

    public TestImageServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI());
            requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
            int now = inProgress.incrementAndGet();
            maxInProgress.accumulateAndGet(now, Math::max);
            try {
                Responder r = routes.getOrDefault(exchange.getRequestURI().getPath(), fallback);
                r.respond(exchange);
            } catch (IOException e) {
                aborted.incrementAndGet(); // the client closed the connection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inProgress.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port} + path. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public TestImageServer route(String path, Responder responder) {
        routes.put(path, responder);
        return this;
    }

    /** What every path without a route gets. */
    public TestImageServer fallback(Responder responder) {
        fallback = responder;
        return this;
    }

    public List<URI> requests() {
        return List.copyOf(requests);
    }

    /** Each request's headers (names as the server's Headers spell them: first letter upper case). */
    public List<Map<String, List<String>>> requestHeaders() {
        return List.copyOf(requestHeaders);
    }

    public long requestsFor(String path) {
        return requests.stream().filter(u -> u.getPath().equals(path)).count();
    }

    public int maxInProgress() {
        return maxInProgress.get();
    }

    public int inProgress() {
        return inProgress.get();
    }

    /** Responses the client broke off (it closed the connection while the server was writing). */
    public int aborted() {
        return aborted.get();
    }

    public long bytesWrittenBeforeAbort() {
        return bytesWrittenBeforeAbort.get();
    }

    // ---- responders ----

    /** 200 with the bytes (and their Content-Length) after {@code latency}. */
    public static Responder image(byte[] bytes, Duration latency) {
        return ex -> {
            Thread.sleep(latency.toMillis());
            send(ex, 200, bytes);
        };
    }

    /** 200, chunked (no Content-Length): the bytes. */
    public static Responder chunked(byte[] bytes) {
        return ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    public static Responder status(int code) {
        return ex -> send(ex, code, ("status " + code).getBytes());
    }

    /** A status with a body of {@code bodyBytes} zeros, chunked, which a client should not read. */
    public Responder statusWithHugeBody(int code, long bodyBytes) {
        return ex -> {
            ex.sendResponseHeaders(code, 0);
            writeCounted(ex, bodyBytes);
        };
    }

    public static Responder redirect(int code, String location) {
        return ex -> {
            if (location != null) {
                ex.getResponseHeaders().add("Location", location);
            }
            ex.sendResponseHeaders(code, -1);
        };
    }

    /** 200 and an endless (well, {@code total} bytes) chunked body of zeros. */
    public Responder endless(long total) {
        return ex -> {
            ex.sendResponseHeaders(200, 0);
            writeCounted(ex, total);
        };
    }

    /** 200 declaring {@code declared} bytes, then writing up to that many. */
    public Responder declaring(long declared) {
        return ex -> {
            ex.sendResponseHeaders(200, declared);
            writeCounted(ex, declared);
        };
    }

    /** 200 with a Content-Length, then one byte every {@code gap}: a slowloris body. */
    public static Responder trickle(int bytes, Duration gap) {
        return ex -> {
            ex.sendResponseHeaders(200, bytes);
            OutputStream out = ex.getResponseBody();
            for (int i = 0; i < bytes; i++) {
                out.write(0);
                out.flush();
                Thread.sleep(gap.toMillis());
            }
            out.close();
        };
    }

    /** 200 with a Content-Length, {@code first} bytes, then silence for {@code stall}. */
    public static Responder stallAfter(int total, int first, Duration stall) {
        return ex -> {
            ex.sendResponseHeaders(200, total);
            OutputStream out = ex.getResponseBody();
            out.write(new byte[first]);
            out.flush();
            Thread.sleep(stall.toMillis());
            out.write(new byte[total - first]);
            out.close();
        };
    }

    /** No response headers until {@code wait} has passed. */
    public static Responder slowHeaders(byte[] bytes, Duration wait) {
        return image(bytes, wait);
    }

    /** Holds each request until {@code release} opens (or {@code max} passes), then serves the bytes. */
    public static Responder held(byte[] bytes, CountDownLatch release, Duration max) {
        return ex -> {
            release.await(max.toMillis(), TimeUnit.MILLISECONDS);
            send(ex, 200, bytes);
        };
    }

    public static void send(HttpExchange ex, int code, byte[] body) throws IOException {
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void writeCounted(HttpExchange ex, long total) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        long written = 0;
        OutputStream out = ex.getResponseBody();
        try {
            while (written < total) {
                int n = (int) Math.min(chunk.length, total - written);
                out.write(chunk, 0, n);
                written += n;
            }
            out.close();
        } catch (IOException e) {
            bytesWrittenBeforeAbort.addAndGet(written);
            throw e;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
