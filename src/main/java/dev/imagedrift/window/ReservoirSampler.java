package dev.imagedrift.window;

import java.nio.charset.StandardCharsets;

/**
 * Seeded uniform reservoir sampling (Vitter's algorithm R) with a stateless random source: the
 * slot for the i-th event of a window is a hash of (seed, stream, window, i). The window state is
 * then only the count seen, so the state written per event is one sample, and a restarted
 * application (exactly-once: the same count) makes the same choices.
 */
public final class ReservoirSampler {
    private final long seed;
    private final int capacity;

    public ReservoirSampler(long seed, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("reservoir capacity must be positive: " + capacity);
        this.seed = seed;
        this.capacity = capacity;
    }

    public int capacity() { return capacity; }

    /**
     * Where the event that is number {@code seen} (0-based) of its window goes: a slot in
     * [0, capacity), or -1 when the reservoir is full and the event is not kept.
     */
    public int slotFor(String stream, long windowStart, long seen) {
        if (seen < capacity) {
            return (int) seen;
        }
        long h = mix(seed ^ mix(streamHash(stream) ^ mix(windowStart * 0x9E3779B97F4A7C15L + seen)));
        // Unsigned 64-bit value reduced to [0, seen]: the bias is below seen / 2^64.
        long j = Long.remainderUnsigned(h, seen + 1);
        return j < capacity ? (int) j : -1;
    }

    private static long streamHash(String stream) {
        long h = 0xCBF29CE484222325L;
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: a bijective mix with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
