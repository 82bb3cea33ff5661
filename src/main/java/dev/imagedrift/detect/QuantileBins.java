package dev.imagedrift.detect;

import java.util.Arrays;

/**
 * Replaces a column's values by bin numbers, at most {@value #MAX_BINS} bins, as the reference
 * check's learner (scikit-learn's histogram gradient boosting) bins every feature before fitting.
 * A column with at most that many distinct values keeps them all (bin = rank of the distinct
 * value); otherwise the edges are the column's quantiles at k / {@value #MAX_BINS} and bin b holds
 * the values in (edge b-1, edge b]. Missing values (NaN) stay missing.
 *
 * <p>Trees only compare values, so binning is a monotone coarsening. It is computed from all
 * pooled rows without labels, so no label leaks through it. It also makes Smile's exact split
 * search cheaper: runs of equal values skip the split-gain computation.
 */
final class QuantileBins {
    static final int MAX_BINS = 255;

    private QuantileBins() {}

    static double[] binned(double[] column) {
        return binned(column, Arrays.stream(column).filter(v -> !Double.isNaN(v)).sorted().toArray());
    }

    /** @param sortedPresent the column's non-missing values, sorted ascending */
    static double[] binned(double[] column, double[] sortedPresent) {
        double[] edges = edges(sortedPresent);
        double[] binned = new double[column.length];
        for (int i = 0; i < column.length; i++) {
            double v = column[i];
            binned[i] = Double.isNaN(v) ? Double.NaN : edgesBelow(edges, v);
        }
        return binned;
    }

    /** The distinct values when there are few enough, else the distinct inner quantiles. */
    private static double[] edges(double[] sorted) {
        double[] distinct = distinct(sorted);
        if (distinct.length <= MAX_BINS) return distinct;
        double[] quantiles = new double[MAX_BINS - 1];
        for (int k = 1; k < MAX_BINS; k++) quantiles[k - 1] = UnivariateTests.quantile(sorted, (double) k / MAX_BINS);
        return distinct(quantiles);
    }

    private static double[] distinct(double[] sorted) {
        int k = 0;
        double[] out = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) out[k++] = sorted[i];
        }
        return Arrays.copyOf(out, k);
    }

    /** The number of edges strictly below v (binary search). */
    private static int edgesBelow(double[] edges, double v) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
