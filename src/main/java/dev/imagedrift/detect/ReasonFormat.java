package dev.imagedrift.detect;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formats for the one-sentence reasons in results. */
final class ReasonFormat {
    private ReasonFormat() {}

    /** Four decimals, or scientific notation below 0.001 so a tiny p-value is not shown as 0. */
    static String pValue(double p) {
        return p >= 0.001 ? String.format(Locale.ROOT, "%.4f", p) : String.format(Locale.ROOT, "%.2e", p);
    }

    /** A setting as the user wrote it: 0.01, not 0.010000. */
    static String setting(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
