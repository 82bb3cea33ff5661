package dev.imagedrift.detect;

import smile.math.special.Erf;

/** The standard normal tail, via Smile's complementary error function. */
final class Normal {
    /** The two-sided 95% quantile. */
    static final double Z_975 = 1.959963984540054;

    private Normal() {}

    /** P(Z &gt; z) for a standard normal Z. */
    static double upperTail(double z) {
        return 0.5 * Erf.erfc(z / Math.sqrt(2.0));
    }
}
