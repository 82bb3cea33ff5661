package dev.imagedrift.window;

import java.nio.charset.StandardCharsets;

/**
 * The random priority of an event in one window: a seeded hash of (seed, stream, window start,
 * input partition, input offset), read as an unsigned 64-bit number. Each window keeps the
 * events with the smallest priorities (a bottom-k sample), which is a uniform sample of the window
 * whatever the order or partitioning of its events, and which can be merged: the k smallest of
 * several partitions' events are among the union of each partition's k smallest. So whether an
 * event can still enter its window's sample is known where the event is read, before its image is
 * decoded.
 *
 * <p>The input position identifies the record the producer wrote: unique, not chosen by the
 * producer (unlike an id), and the same when a restarted instance reads the record again, so the
 * choices are repeatable. Priorities are compared unsigned ({@link Long#compareUnsigned}).
 */
public final class SamplePriority {
    private final long seed;

    public SamplePriority(long seed) {
        this.seed = seed;
    }

    /** The event's priority in the window starting at {@code windowStart}. */
    public long of(String stream, long windowStart, int partition, long offset) {
        long position = mix(((long) partition << 48) ^ offset ^ 0x632BE59BD9B4E019L);
        return mix(seed ^ mix(streamHash(stream) ^ mix(windowStart * 0x9E3779B97F4A7C15L ^ position)));
    }

    /** {@code a <= b} for priorities (unsigned). */
    public static boolean atMost(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
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
