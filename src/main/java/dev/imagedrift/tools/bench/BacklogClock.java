package dev.imagedrift.tools.bench;

/**
 * Event times for a backlog produced before the monitor starts: spread over the part of the
 * current window that has already passed. No event is ahead of the monitor's clock (so the
 * clock-skew guard refuses none), all fall in the one window that is open now, and stream time
 * never passes the present, so that window stays open however long the run takes: nothing is
 * late and no window closes while timing, at whatever minute the benchmark is started.
 */
final class BacklogClock {
    private final long windowStart;
    private final long now;

    BacklogClock(long windowMs, long nowMs) {
        if (windowMs <= 0) throw new IllegalArgumentException("window must be positive: " + windowMs);
        this.now = nowMs;
        this.windowStart = nowMs - Math.floorMod(nowMs, windowMs);
    }

    /** Event time of event {@code i} of {@code n}: in [window start, now], in order. */
    long time(long i, long n) {
        return windowStart + (long) ((now - windowStart) * (double) i / Math.max(1, n));
    }

    long windowStart() { return windowStart; }
}
