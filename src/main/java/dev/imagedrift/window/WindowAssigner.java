package dev.imagedrift.window;

import java.time.Duration;

/**
 * Event-time windows aligned to the epoch: tumbling when advance = size, hopping when advance
 * divides size. A window covers [start, start + size).
 */
public final class WindowAssigner {
    private final long sizeMs;
    private final long advanceMs;

    public WindowAssigner(Duration size, Duration advance) {
        this.sizeMs = size.toMillis();
        this.advanceMs = advance.toMillis();
        if (sizeMs <= 0 || advanceMs <= 0 || advanceMs > sizeMs || sizeMs % advanceMs != 0) {
            throw new IllegalArgumentException("window advance " + advance + " must be positive and divide size " + size);
        }
    }

    public long sizeMs() { return sizeMs; }

    /** Start times of every window containing {@code timestampMs}, oldest first. */
    public long[] windowStartsFor(long timestampMs) {
        long last = timestampMs - Math.floorMod(timestampMs, advanceMs);
        int count = (int) (sizeMs / advanceMs);
        long[] starts = new long[count];
        int n = 0;
        for (long s = last - (count - 1) * advanceMs; s <= last; s += advanceMs) {
            if (s >= 0) {
                starts[n++] = s;
            }
        }
        return n == count ? starts : java.util.Arrays.copyOf(starts, n);
    }
}
