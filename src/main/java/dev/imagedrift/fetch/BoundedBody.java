package dev.imagedrift.fetch;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Receives a response body into memory under three limits, enforced as the bytes arrive (never
 * trusting Content-Length alone): at most {@code maxBytes} ({@link FetchFailure#TOO_LARGE}), no
 * gap between bytes longer than the read timeout, and the fetch's deadline
 * ({@link FetchFailure#FETCH_TIMEOUT}; a server that trickles one byte a second is cut off at the
 * deadline). Each chunk is charged to the byte budget; when the budget refuses, the body stops
 * with {@link Deferred}. Stopping cancels the subscription, which closes the connection.
 * Demand is unbounded (one hand-off per chunk the client has read, rather than a request per
 * chunk), so what is held before a limit stops the body is at most the limit plus one chunk.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long maxBytes;
    private final long readTimeoutNanos;
    private final Deadline deadline;
    private final ByteBudget.Reservation reservation;
    private final ScheduledExecutorService timer;
    private final String what;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final List<byte[]> chunks = new ArrayList<>();
    private long received;
    private volatile long lastByteNanos = System.nanoTime();
    private volatile Flow.Subscription subscription;
    private volatile ScheduledFuture<?> check;

    /**
     * @param what the redacted URI, for messages
     */
    BoundedBody(long maxBytes, long readTimeoutNanos, Deadline deadline, ByteBudget.Reservation reservation,
                ScheduledExecutorService timer, String what) {
        this.maxBytes = maxBytes;
        this.readTimeoutNanos = readTimeoutNanos;
        this.deadline = deadline;
        this.reservation = reservation;
        this.timer = timer;
        this.what = what;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (body.isDone()) { // cancelled before the body started
            s.cancel();
            return;
        }
        scheduleCheck();
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        lastByteNanos = System.nanoTime();
        long n = 0;
        for (ByteBuffer b : items) {
            n += b.remaining();
        }
        if (received + n > maxBytes) {
            fail(new FetchException(FetchFailure.TOO_LARGE, "the body of " + what + " is larger than images.max-bytes ("
                    + maxBytes + " bytes)"));
            return;
        }
        if (!reservation.grow(n)) {
            fail(Deferred.INSTANCE);
            return;
        }
        for (ByteBuffer b : items) {
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            chunks.add(copy);
        }
        received += n;
    }

    @Override
    public void onError(Throwable t) {
        stopTimer();
        body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        stopTimer();
        byte[] all = new byte[(int) received];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        chunks.clear();
        body.complete(all);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    /** Stops receiving (the fetch was abandoned). */
    void cancel() {
        fail(new FetchException(FetchFailure.FETCH_FAILED, "cancelled"));
    }

    private void fail(Exception e) {
        stopTimer();
        if (body.completeExceptionally(e)) {
            chunks.clear();
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    /** Wakes at the earlier of the deadline and the read timeout since the last byte. */
    private void scheduleCheck() {
        long now = System.nanoTime();
        long wake = Math.min(deadline.atNanos(), lastByteNanos + readTimeoutNanos);
        check = timer.schedule(this::checkTime, Math.max(0, wake - now), TimeUnit.NANOSECONDS);
    }

    private void checkTime() {
        if (body.isDone()) {
            return;
        }
        long now = System.nanoTime();
        if (now - deadline.atNanos() >= 0) {
            fail(new FetchException(FetchFailure.FETCH_TIMEOUT, "the body of " + what
                    + " did not arrive within fetch.deadline (" + received + " bytes received)"));
        } else if (now - lastByteNanos >= readTimeoutNanos) {
            fail(new FetchException(FetchFailure.FETCH_TIMEOUT, "no byte of the body of " + what
                    + " for fetch.read-timeout (" + received + " bytes received)"));
        } else {
            scheduleCheck();
        }
    }

    private void stopTimer() {
        ScheduledFuture<?> c = check;
        if (c != null) {
            c.cancel(false);
        }
    }

    /** For responses whose body is not wanted (errors, redirects): cancels at once, so a hostile body is never read. */
    static HttpResponse.BodySubscriber<byte[]> discarding() {
        return cancelling(CompletableFuture.completedFuture(null));
    }

    /** For a 2xx response whose Content-Length already says it is too large: refused without reading. */
    static HttpResponse.BodySubscriber<byte[]> refusing(FetchException why) {
        return cancelling(CompletableFuture.failedFuture(why));
    }

    /** A subscriber that cancels the body on subscription and answers {@code done}. */
    private static HttpResponse.BodySubscriber<byte[]> cancelling(CompletableFuture<byte[]> done) {
        return new HttpResponse.BodySubscriber<>() {
            @Override
            public CompletionStage<byte[]> getBody() {
                return done;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {}

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
        };
    }
}
