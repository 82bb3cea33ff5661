package dev.imagedrift.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** "Nice" axis ticks (steps of 1, 2 or 5 times a power of ten) and their labels. */
final class AxisTicks {
    private AxisTicks() {}

    /** A nice step that gives about {@code count} ticks over [lo, hi]. */
    static double step(double lo, double hi, int count) {
        double raw = (hi - lo) / Math.max(1, count);
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** The multiples of {@code step} inside [lo, hi]. */
    static List<Double> ticks(double lo, double hi, double step) {
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.ceil(lo / step - 1e-9);
        for (long k = first; k * step <= hi + step * 1e-9 && ticks.size() < 100; k++) {
            double v = k * step;
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks;
    }

    /** A short label for a tick: "307k", "1.5M", "0.25", "12". */
    static String label(double v, double step) {
        double a = Math.max(Math.abs(v), step);
        if (a >= 1e6 && step >= 1e5) {
            return trim(String.format(Locale.ROOT, "%.1f", v / 1e6)) + "M";
        }
        if (a >= 1e4 && step >= 1e3) {
            return trim(String.format(Locale.ROOT, "%.1f", v / 1e3)) + "k";
        }
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String trim(String s) {
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
