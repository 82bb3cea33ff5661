package dev.imagedrift.tools.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An image server for the fetch benchmark: the JDK's HTTP server on 127.0.0.1 serving
 * {@code /img/<n>.jpg} as the n-th image (modulo the list) after a fixed response time, like an
 * object store's first-byte latency. Waiting costs no CPU (a sleeping thread per request).
 */
final class DelayedImageServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-image-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger maxInProgress = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();

    DelayedImageServer(List<byte[]> images, Duration responseTime) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        server.setExecutor(executor);
        server.createContext("/img/", exchange -> {
            int now = inProgress.incrementAndGet();
            maxInProgress.accumulateAndGet(now, Math::max);
            try {
                String name = exchange.getRequestURI().getPath().substring("/img/".length());
                int n = Integer.parseInt(name.substring(0, name.indexOf('.')));
                byte[] body = images.get(n % images.size());
                Thread.sleep(responseTime.toMillis());
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                served.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(404, -1);
            } finally {
                inProgress.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    String prefix() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/img/";
    }

    int maxInProgress() {
        return maxInProgress.get();
    }

    long served() {
        return served.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
