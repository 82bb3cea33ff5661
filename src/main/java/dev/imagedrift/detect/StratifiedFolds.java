package dev.imagedrift.detect;

/**
 * Seeded stratified assignment of rows to k folds: each class is shuffled and dealt round-robin,
 * continuing the deal across classes so that fold sizes differ by at most one row and each fold
 * holds the same share of each class (within one row).
 */
final class StratifiedFolds {
    private StratifiedFolds() {}

    /** Fold number (0..k-1) of every row; {@code labels} are 0/1. */
    static int[] assign(int[] labels, int k, long seed) {
        if (k < 2) throw new IllegalArgumentException("folds must be at least 2, got " + k);
        SeededRandom random = new SeededRandom(seed);
        int[] fold = new int[labels.length];
        int dealt = 0;
        for (int label = 0; label <= 1; label++) {
            int[] rows = rowsWithLabel(labels, label);
            random.shuffle(rows);
            for (int row : rows) fold[row] = dealt++ % k;
        }
        return fold;
    }

    /** Rows in fold {@code f}, ascending. */
    static int[] rowsIn(int[] fold, int f, boolean inFold) {
        int count = 0;
        for (int x : fold) if ((x == f) == inFold) count++;
        int[] rows = new int[count];
        int k = 0;
        for (int i = 0; i < fold.length; i++) if ((fold[i] == f) == inFold) rows[k++] = i;
        return rows;
    }

    private static int[] rowsWithLabel(int[] labels, int label) {
        int count = 0;
        for (int y : labels) if (y == label) count++;
        int[] rows = new int[count];
        int k = 0;
        for (int i = 0; i < labels.length; i++) if (labels[i] == label) rows[k++] = i;
        return rows;
    }
}
