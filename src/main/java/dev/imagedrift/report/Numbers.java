package dev.imagedrift.report;

import java.util.Locale;

/** Number formats shared by the text and HTML reports ("n/a" for NaN or null). */
final class Numbers {
    static final String NOT_AVAILABLE = "n/a";

    private Numbers() {}

    /** Fixed decimals, for scores, AUCs, statistics. */
    static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? NOT_AVAILABLE : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String fixed(Double v, int decimals) {
        return v == null ? NOT_AVAILABLE : fixed(v.doubleValue(), decimals);
    }

    /** A p-value: three decimals, or scientific notation below 0.001. */
    static String pValue(Double p) {
        if (p == null || p.isNaN()) {
            return NOT_AVAILABLE;
        }
        if (p == 0) {
            return "0";
        }
        return p < 1e-3 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }

    /** A setting as written: 0.01, 0.1, 5 (no padding zeros). */
    static String plain(double v) {
        return Double.isFinite(v) ? java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()
                : NOT_AVAILABLE;
    }

    /** A count with thousands separators. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
