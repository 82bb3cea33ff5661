package dev.imagedrift.image;

import java.util.concurrent.Semaphore;

/**
 * Bytes being decoded at once, across threads: a semaphore of bytes (counted in KiB permits).
 * Each decode reserves its estimate before the reader runs and returns it when done, so N stream
 * or snapshot threads together never hold more than the capacity, however large N is: without
 * it, N threads each within the per-image budget could still take N budgets of heap.
 *
 * <p>A reservation larger than the capacity is clamped to the whole capacity: such an image (only
 * possible when the per-image budget was configured above the pool) waits until it is alone.
 * Waiting is uninterruptible and bounded by the decodes in flight, which are short.
 */
public final class DecodeMemory {
    private static final int KIB = 1024;
    private static final DecodeMemory SHARED = new DecodeMemory(DecodeLimits.defaultMaxDecodeBytes());

    private final Semaphore permits;
    private final int capacityKib;

    /** A pool of {@code capacityBytes} (rounded up to whole KiB, at most 2 TiB). */
    public DecodeMemory(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacityBytes);
        }
        this.capacityKib = (int) Math.min(Integer.MAX_VALUE, (capacityBytes + KIB - 1) / KIB);
        this.permits = new Semaphore(capacityKib, true);
    }

    /** The process-wide pool: {@link DecodeLimits#defaultMaxDecodeBytes()} bytes. */
    public static DecodeMemory shared() {
        return SHARED;
    }

    public long capacityBytes() {
        return (long) capacityKib * KIB;
    }

    /** Bytes not reserved right now. */
    public long availableBytes() {
        return (long) permits.availablePermits() * KIB;
    }

    /** Blocks until {@code bytes} (clamped to the capacity) are free, and takes them. */
    Reservation reserve(long bytes) {
        int kib = (int) Math.max(1, Math.min(capacityKib, (bytes + KIB - 1) / KIB));
        permits.acquireUninterruptibly(kib);
        return new Reservation(kib);
    }

    /** Bytes held by one decode; closing returns them (once). */
    final class Reservation implements AutoCloseable {
        private int kib;

        private Reservation(int kib) {
            this.kib = kib;
        }

        @Override
        public void close() {
            if (kib > 0) {
                permits.release(kib);
                kib = 0;
            }
        }
    }
}
