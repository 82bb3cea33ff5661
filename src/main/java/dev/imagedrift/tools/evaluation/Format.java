package dev.imagedrift.tools.evaluation;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Number formats of the report: one place, so tables and sentences agree. */
final class Format {
    private Format() {}

    /** A rate as a percentage: one decimal, two below 1%, "0%" for zero. */
    static String percent(double rate) {
        if (Double.isNaN(rate)) return "-";
        if (rate == 0) return "0%";
        double pct = 100 * rate;
        return String.format(Locale.ROOT, pct < 1 ? "%.2f%%" : "%.1f%%", pct);
    }

    /** A setting such as 0.01 or 0.1, without trailing zeros. */
    static String number(double value) {
        return new DecimalFormat("0.######", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    /** A significance level, up to 4 decimals. */
    static String alpha(double a) {
        return new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(a);
    }

    static String pValue(double p) {
        if (p < 1e-4) return "< 0.0001";
        return String.format(Locale.ROOT, "%.4f", p);
    }

    /** A duration in the largest unit that keeps it readable. */
    static String days(double days) {
        if (Double.isInfinite(days) || Double.isNaN(days)) return "never";
        if (days < 1.0 / 24) return String.format(Locale.ROOT, "%.0f min", days * 24 * 60);
        if (days < 1) return String.format(Locale.ROOT, "%.1f h", days * 24);
        if (days < 365) return String.format(Locale.ROOT, "%.1f days", days);
        return String.format(Locale.ROOT, "%.1f years", days / 365.25);
    }
}
