package dev.imagedrift.window;

/**
 * Thinning from the previous window's count: when a stream sent n events in its previous window,
 * only events whose priority is below about HEADROOM * k / n are worth decoding in this one, since
 * the k smallest of a window of about n events lie below about k / n. Each window's cap is fixed
 * when the window is first seen, from the count of the window before it, so it does not depend on
 * the priorities it filters: the events below the cap are a uniform (Bernoulli) sample of the
 * window. If traffic falls by more than HEADROOM, fewer than k events lie below the cap; the window
 * stage then keeps exactly the events below the smallest cap used (still uniform, just fewer).
 */
public final class DecodeCap {
    /** How far below the previous window's count this window's may fall with the sample still k. */
    public static final double HEADROOM = 2.0;
    /** No cap: every priority passes. */
    public static final long NONE = -1L;

    private DecodeCap() {}

    /** The cap for a window whose previous window counted {@code previousCount} events (0 = unknown). */
    public static long fromPreviousCount(long previousCount, int k) {
        double share = HEADROOM * k / previousCount;
        if (previousCount <= 0 || share >= 1) {
            return NONE;
        }
        // share * 2^64 as an unsigned long: the top 63 bits from share * 2^63, then one more.
        return ((long) (share * 0x1p63)) << 1;
    }

    /** The smaller of two caps (unsigned). */
    public static long min(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
