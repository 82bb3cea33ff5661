package dev.imagedrift.detect;

import smile.stat.hypothesis.KSTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-property two-sample comparisons, missing values (NaN) dropped: the Kolmogorov-Smirnov
 * statistic with its p-value, and the reference check's normalised Earth Mover's Distance.
 *
 * <p>KS comes from Smile's {@code KSTest}: its statistic steps over tied values together (exact
 * with ties), and its p-value is the asymptotic Kolmogorov distribution with Stephens' small-sample
 * correction - accurate for large samples, and conservative (too large) when many values are tied,
 * since ties can only shrink the statistic.
 */
final class UnivariateTests {
    /** The reference check's {@code min_samples}: fewer values on a side give no score. */
    static final int MIN_VALUES = 10;
    /** Each side is trimmed to its own 2.5%..97.5% quantiles before the EMD. */
    static final double TRIM = 0.025;

    private UnivariateTests() {}

    static List<UnivariateDrift> compare(Samples reference, Samples current) {
        List<UnivariateDrift> results = new ArrayList<>(reference.dimension());
        for (int j = 0; j < reference.dimension(); j++) {
            double[] ref = presentValues(reference, j);
            double[] cur = presentValues(current, j);
            Arrays.sort(ref);
            Arrays.sort(cur);
            String name = reference.propertyNames().get(j);
            if (ref.length < MIN_VALUES || cur.length < MIN_VALUES) {
                results.add(new UnivariateDrift(name, null, null, null, ref.length, cur.length));
            } else {
                KSTest ks = KSTest.test(ref, cur); // Smile sorts its arguments in place: already sorted
                results.add(new UnivariateDrift(name, ks.d, ks.pvalue, normalisedEmdOfSorted(ref, cur), ref.length,
                        cur.length));
            }
        }
        return results;
    }

    private static double[] presentValues(Samples samples, int j) {
        double[] values = new double[samples.size()];
        int k = 0;
        for (double[] row : samples.rows()) {
            if (!Double.isNaN(row[j])) values[k++] = row[j];
        }
        return Arrays.copyOf(values, k);
    }

    /**
     * Each side trimmed to its own [2.5%, 97.5%] quantiles (linear interpolation, numpy's
     * default), both scaled by the pooled trimmed range, then the 1-D Wasserstein distance;
     * 0 when that range is 0.
     */
    static double normalisedEmd(double[] reference, double[] current) {
        double[] ref = reference.clone();
        double[] cur = current.clone();
        Arrays.sort(ref);
        Arrays.sort(cur);
        return normalisedEmdOfSorted(ref, cur);
    }

    private static double normalisedEmdOfSorted(double[] reference, double[] current) {
        double[] a = trimmedSorted(reference);
        double[] b = trimmedSorted(current);
        double min = Math.min(a[0], b[0]);
        double max = Math.max(a[a.length - 1], b[b.length - 1]);
        if (!(max > min)) return 0.0;
        return wasserstein(a, b) / (max - min);
    }

    /** The sorted values within the array's own trim quantiles. */
    static double[] trimmed(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return trimmedSorted(sorted);
    }

    private static double[] trimmedSorted(double[] sorted) {
        double lo = quantile(sorted, TRIM);
        double hi = quantile(sorted, 1 - TRIM);
        int from = 0;
        while (sorted[from] < lo) from++;
        int to = sorted.length;
        while (sorted[to - 1] > hi) to--;
        return Arrays.copyOfRange(sorted, from, to);
    }

    /** Quantile of sorted values by linear interpolation between closest ranks (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double value = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        return Math.min(Math.max(value, sorted[lo]), sorted[hi]); // rounding must not leave the bracket
    }

    /** The 1-D Wasserstein distance of two sorted samples: the area between their empirical CDFs. */
    static double wasserstein(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double distance = 0;
        double previous = Math.min(a[0], b[0]);
        while (i < a.length || j < b.length) {
            double x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            distance += Math.abs((double) i / a.length - (double) j / b.length) * (x - previous);
            while (i < a.length && a[i] == x) i++;
            while (j < b.length && b[j] == x) j++;
            previous = x;
        }
        return distance;
    }
}
