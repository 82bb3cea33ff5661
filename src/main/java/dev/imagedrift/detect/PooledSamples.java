package dev.imagedrift.detect;

import smile.sort.QuickSort;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The reference and current rows pooled into one column-major matrix for the domain classifier:
 * rows {@code 0 .. nReference-1} are the reference (label 0), the rest the current window
 * (label 1).
 *
 * <p>Each column is binned first ({@link QuantileBins}, at most 255 bins, as the reference check's
 * learner does).
 *
 * <p>Missing values (NaN, e.g. the relative intensities of a grayscale image) are replaced by a
 * per-column code below every real value of that column. Smile's trees cannot take NaN; with the
 * code a single split "value &lt;= code" isolates the missing rows, which is what a learner with
 * native missing-value support (the reference check's) does when missingness is informative. The
 * code is computed from all pooled rows of both sides without looking at labels, so every subset
 * (folds, the reference check's subsample) sees the same code and no label leaks through it.
 */
final class PooledSamples {
    private final List<String> propertyNames;
    private final double[][] columns;
    private final int[][] order;
    private final int[] labels;
    private final List<String> referenceIds;
    private final List<String> currentIds;
    private final int nReference;

    private PooledSamples(List<String> propertyNames, double[][] columns, int[][] order, int[] labels,
                          List<String> referenceIds, List<String> currentIds) {
        this.propertyNames = propertyNames;
        this.columns = columns;
        this.order = order;
        this.labels = labels;
        this.referenceIds = referenceIds;
        this.currentIds = currentIds;
        this.nReference = referenceIds.size();
    }

    /** Pools both sides after {@link SamplesValidator#requireComparable} has checked them. */
    static PooledSamples of(Samples reference, Samples current) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(current, "current");
        int nRef = reference.size();
        int n = nRef + current.size();
        int p = reference.dimension();
        double[][] columns = new double[p][n];
        for (int i = 0; i < nRef; i++) {
            double[] row = reference.rows()[i];
            for (int j = 0; j < p; j++) columns[j][i] = row[j];
        }
        for (int i = 0; i < current.size(); i++) {
            double[] row = current.rows()[i];
            for (int j = 0; j < p; j++) columns[j][nRef + i] = row[j];
        }
        int[][] order = new int[p][];
        for (int j = 0; j < p; j++) {
            // One sort per column serves the bins and the trees: binning keeps the order, and the
            // missing rows (sorted first here) get the lowest code.
            double[] keys = columns[j].clone();
            int missing = 0;
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(keys[i])) {
                    keys[i] = Double.NEGATIVE_INFINITY;
                    missing++;
                }
            }
            order[j] = QuickSort.sort(keys);
            columns[j] = QuantileBins.binned(columns[j], Arrays.copyOfRange(keys, missing, n));
            encodeMissing(columns[j]);
        }
        int[] labels = new int[n];
        for (int i = nRef; i < n; i++) labels[i] = 1;
        return new PooledSamples(reference.propertyNames(), columns, order, labels, reference.ids(), current.ids());
    }

    /** Replaces NaN by a value one column-range (at least 1) below the column's smallest real value. */
    private static void encodeMissing(double[] column) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean anyMissing = false;
        for (double v : column) {
            if (Double.isNaN(v)) {
                anyMissing = true;
            } else {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!anyMissing) return;
        // All missing: the column is constant, no split can use it; 0 is as good as any code.
        double code = min > max ? 0.0 : min - Math.max(1.0, max - min);
        for (int i = 0; i < column.length; i++) {
            if (Double.isNaN(column[i])) column[i] = code;
        }
    }

    List<String> propertyNames() { return propertyNames; }

    int size() { return labels.length; }

    int dimension() { return columns.length; }

    int nReference() { return nReference; }

    int nCurrent() { return labels.length - nReference; }

    /** Column j over all pooled rows, missing values encoded; callers must not modify it. */
    double[] column(int j) { return columns[j]; }

    /** Row indices of column j in ascending order of its (encoded) values; callers must not modify them. */
    int[] ascending(int j) { return order[j]; }

    /** All columns (column-major matrix); callers must not modify them. */
    double[][] columns() { return columns; }

    /** Labels over all pooled rows (0 reference, 1 current); callers must not modify them. */
    int[] labels() { return labels; }

    int label(int row) { return labels[row]; }

    /** The image id of pooled row {@code row}. */
    String id(int row) {
        return row < nReference ? referenceIds.get(row) : currentIds.get(row - nReference);
    }
}
