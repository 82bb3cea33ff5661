package dev.imagedrift.detect;

import java.util.Arrays;

/**
 * Row indices of every column in ascending value order, sorted once per comparison and shared by
 * every model fitted on a subset of the rows (folds, the 70% split). Sorting is the fixed cost
 * of a Smile tree fit; restricting a sorted order to a subset is a linear pass.
 */
final class ColumnOrder {
    private final int[][] order;

    private ColumnOrder(int[][] order) {
        this.order = order;
    }

    /** The pooled data's column orders (sorted once, when the data was pooled). */
    static ColumnOrder of(PooledSamples data) {
        int p = data.dimension();
        int[][] order = new int[p][];
        for (int j = 0; j < p; j++) order[j] = data.ascending(j);
        return new ColumnOrder(order);
    }

    /**
     * The order of the sub-matrix made of {@code rows} (in that order), in the sub-matrix's own
     * row numbering, as Smile's {@code CART} expects.
     */
    int[][] restrictTo(int[] rows, int pooledSize) {
        int[] position = new int[pooledSize];
        Arrays.fill(position, -1);
        for (int i = 0; i < rows.length; i++) position[rows[i]] = i;
        int[][] restricted = new int[order.length][rows.length];
        for (int j = 0; j < order.length; j++) {
            int[] source = order[j];
            int[] target = restricted[j];
            int k = 0;
            for (int row : source) {
                int at = position[row];
                if (at >= 0) target[k++] = at;
            }
        }
        return restricted;
    }
}
