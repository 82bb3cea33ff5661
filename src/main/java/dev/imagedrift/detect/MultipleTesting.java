package dev.imagedrift.detect;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Corrections for testing many things at once (many streams, many properties): Bonferroni's
 * per-test level (controls the chance of any false alarm) and Benjamini-Hochberg's step-up
 * procedure (controls the expected share of false alarms among the alarms).
 */
public final class MultipleTesting {
    private MultipleTesting() {}

    /** The per-test level that keeps the family-wise error rate at most {@code alpha}: alpha / tests. */
    public static double bonferroni(double alpha, int tests) {
        requireLevel("alpha", alpha);
        if (tests < 1) throw new IllegalArgumentException("tests must be at least 1, got " + tests);
        return alpha / tests;
    }

    /**
     * Benjamini-Hochberg at false-discovery rate {@code q}: with p-values sorted ascending,
     * reject the k smallest for the largest k with p_(k) &lt;= k q / m.
     *
     * @return whether each p-value (in input order) is rejected, i.e. flagged as a discovery
     */
    public static boolean[] benjaminiHochberg(double[] pValues, double q) {
        requireLevel("q", q);
        double[] adjusted = benjaminiHochbergAdjusted(pValues);
        boolean[] rejected = new boolean[adjusted.length];
        for (int i = 0; i < adjusted.length; i++) rejected[i] = adjusted[i] <= q;
        return rejected;
    }

    /**
     * Benjamini-Hochberg adjusted p-values (input order): the smallest q at which each p-value is
     * rejected, min over k &gt;= rank of m p_(k) / k, capped at 1.
     */
    public static double[] benjaminiHochbergAdjusted(double[] pValues) {
        if (pValues == null) throw new IllegalArgumentException("pValues must not be null");
        for (int i = 0; i < pValues.length; i++) {
            if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
                throw new IllegalArgumentException("pValues[" + i + "] must be in [0, 1], got " + pValues[i]);
            }
        }
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, pValues[i] * m / rank);
            adjusted[i] = running;
        }
        return adjusted;
    }

    private static void requireLevel(String name, double level) {
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException(name + " must be in (0, 1), got " + level);
    }
}
