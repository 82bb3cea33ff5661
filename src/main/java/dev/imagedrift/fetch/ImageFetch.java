package dev.imagedrift.fetch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One image being fetched, as its owner (a stream task, one thread) sees it: done or not, its
 * result, and a way to drop it. Its bytes count against the process's buffered-bytes budget
 * until {@link #close()}. An attempt the budget stopped ({@link Deferred}) starts again when the
 * owner calls {@link #prioritise()}, which it does for the head of its queue; the owner never
 * sees the deferral, only a fetch that is not done yet.
 */
public final class ImageFetch {
    private final ImageFetcher fetcher;
    private final ImageUri uri;
    private final AllowedPrefix allowedBy;
    private final ByteBudget.Reservation reservation;
    private volatile CompletableFuture<Object> attempt;
    private volatile Attempt current;
    private volatile boolean closed;

    ImageFetch(ImageFetcher fetcher, ImageUri uri, AllowedPrefix allowedBy, ByteBudget.Reservation reservation) {
        this.fetcher = fetcher;
        this.uri = uri;
        this.allowedBy = allowedBy;
        this.reservation = reservation;
    }

    /** A fetch refused before it started (bad URI, not allowed). */
    static ImageFetch failed(FetchResult.Failed failure) {
        ImageFetch f = new ImageFetch(null, null, null, null);
        f.attempt = CompletableFuture.completedFuture(failure);
        return f;
    }

    void start() {
        Attempt a = new Attempt();
        current = a;
        attempt = fetcher.attempt(uri, allowedBy, reservation, a);
    }

    /** This fetch is at the head of its owner's queue: it is never deferred again, and a deferred attempt starts over. */
    public void prioritise() {
        if (reservation != null && !reservation.prioritised()) {
            reservation.prioritise();
        }
        restartIfDeferred();
    }

    /** Whether the result is in (a deferred attempt is not done). */
    public boolean isDone() {
        return result() != null;
    }

    /** The result, or null while the image is still coming. */
    public FetchResult result() {
        CompletableFuture<Object> a = attempt;
        if (!a.isDone()) {
            return null;
        }
        Object r = a.getNow(null);
        if (r instanceof FetchResult result) {
            return result;
        }
        restartIfDeferred();
        return null;
    }

    /**
     * Waits up to {@code timeout} for the result, prioritising this fetch first.
     *
     * @return the result, or null if it is not in yet
     */
    public FetchResult await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        prioritise();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return result();
            }
            try {
                attempt.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return null;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a fetch attempt never fails exceptionally", e);
            }
            FetchResult r = result();
            if (r != null) {
                return r;
            }
        }
    }

    /** Stops the fetch if it is still running and gives back its buffered bytes. Idempotent. */
    public void close() {
        closed = true;
        Attempt a = current;
        if (a != null) {
            a.cancel();
        }
        if (reservation != null) {
            reservation.release();
        }
    }

    boolean closed() {
        return closed;
    }

    private synchronized void restartIfDeferred() {
        CompletableFuture<Object> a = attempt;
        if (!closed && reservation != null && reservation.prioritised() && a.isDone()
                && a.getNow(null) == ImageFetcher.DEFERRED) {
            reservation.reset();
            start();
        }
    }
}
