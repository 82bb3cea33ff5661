package dev.imagedrift.fetch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of fetched images held in memory by this process: bodies being received, and bodies
 * received but not yet handed on (a stream task hands images on in input order, so a fast fetch
 * may wait for a slow one ahead of it). A fetch charges its bytes as they arrive and gives them
 * back when its image has been handed on or dropped.
 *
 * <p>A fetch that would take the total over the limit is deferred: it stops, gives back what it
 * had, and starts again once it is at the head of its task's queue ({@link Reservation#prioritise()}).
 * The head of a queue is never deferred, so every queue keeps moving and no two tasks can wait
 * on each other's bytes; the most held at once is the limit plus one image (at most
 * {@code images.max-bytes}) per task.
 */
final class ByteBudget {
    private final long limit;
    private final AtomicLong held = new AtomicLong();

    ByteBudget(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("the buffered-bytes limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    Reservation open() {
        return new Reservation();
    }

    long held() {
        return held.get();
    }

    long limit() {
        return limit;
    }

    /** One fetch's share of the budget. Safe to use from the fetching thread and the stream thread at once. */
    final class Reservation {
        private long bytes;
        private boolean prioritised;
        private boolean released;

        /** Charges {@code n} more bytes; false when that would pass the limit and this fetch is not at the head (or is released). */
        synchronized boolean grow(long n) {
            if (released) {
                return false;
            }
            if (prioritised) {
                held.addAndGet(n);
            } else {
                long before;
                do {
                    before = held.get();
                    if (before + n > limit) {
                        return false;
                    }
                } while (!held.compareAndSet(before, before + n));
            }
            bytes += n;
            return true;
        }

        /** The fetch is at the head of its queue: never deferred from now on. */
        synchronized void prioritise() {
            prioritised = true;
        }

        synchronized boolean prioritised() {
            return prioritised;
        }

        /** Gives back what an abandoned attempt had charged (a deferred attempt, before it starts again). */
        synchronized void reset() {
            held.addAndGet(-bytes);
            bytes = 0;
        }

        /** Gives everything back, for good. */
        synchronized void release() {
            if (!released) {
                held.addAndGet(-bytes);
                bytes = 0;
                released = true;
            }
        }
    }
}
