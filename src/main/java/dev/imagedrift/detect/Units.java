package dev.imagedrift.detect;

import java.util.Arrays;

/**
 * The independent units of a comparison: the rows of one side within one near-duplicate group
 * ({@link NearDuplicates}). A burst of ten frames of one scene is one unit; an image with no
 * near-duplicate is a unit of its own. Units, not rows, are dealt to folds (so no burst is both
 * trained on and tested) and counted by the rank test (one score each: a burst of ten frames
 * counts once, as the one scene it is).
 *
 * <p>Folds are dealt by block, a coarser grouping ({@link NearDuplicates#FOLD_FACTOR} times the tolerance) that
 * holds whole units: a burst that the finer grouping split in two still lands in one fold, so no
 * model is tested on frames of a scene it was trained on. A block that wrongly joins two scenes
 * only makes folds a little uneven.
 *
 * <p>Each unit is represented in the test by one of its rows, chosen at random (seeded, blind to
 * the scores): a random frame of a scene has the distribution of any one frame of it, whatever the
 * burst's length, which keeps a long burst and a single image of the same scene exchangeable.
 */
final class Units {
    private final int[] unitOfRow;
    private final int[] label;
    private final int[] representative;
    private final int[] blockOfUnit;
    private final int[] blockLabel;

    private Units(int[] unitOfRow, int[] label, int[] representative, int[] blockOfUnit, int[] blockLabel) {
        this.unitOfRow = unitOfRow;
        this.label = label;
        this.representative = representative;
        this.blockOfUnit = blockOfUnit;
        this.blockLabel = blockLabel;
    }

    /**
     * Units from near-duplicate groups of the pooled rows, numbered in order of each unit's first
     * row (so with no near-duplicates unit i is row i), and blocks from a coarser grouping of the
     * same rows; every group of {@code groupOfRow} must lie inside one group of {@code blockGroupOfRow}.
     */
    static Units of(int[] groupOfRow, int[] blockGroupOfRow, int[] labels, long seed) {
        int n = labels.length;
        int[] unitOfRow = bySide(groupOfRow, labels);
        int[] blockOfRow = bySide(blockGroupOfRow, labels);
        int count = 0;
        for (int u : unitOfRow) count = Math.max(count, u + 1);
        int blocks = 0;
        for (int b : blockOfRow) blocks = Math.max(blocks, b + 1);
        int[] blockOfUnit = new int[count];
        int[] blockLabel = new int[blocks];
        for (int row = 0; row < n; row++) {
            blockOfUnit[unitOfRow[row]] = blockOfRow[row];
            blockLabel[blockOfRow[row]] = labels[row];
        }
        for (int row = 0; row < n; row++) {
            if (blockOfUnit[unitOfRow[row]] != blockOfRow[row]) {
                throw new IllegalArgumentException("a near-duplicate group straddles two blocks at row " + row);
            }
        }
        int[] label = new int[count];
        int[] size = new int[count];
        for (int row = 0; row < n; row++) {
            label[unitOfRow[row]] = labels[row];
            size[unitOfRow[row]]++;
        }
        // Reservoir choice of one row per unit, in row order: uniform over the unit's rows.
        int[] representative = new int[count];
        int[] seen = new int[count];
        SeededRandom random = new SeededRandom(seed);
        for (int row = 0; row < n; row++) {
            int u = unitOfRow[row];
            seen[u]++;
            if (seen[u] == 1 || (size[u] > 1 && random.nextInt(seen[u]) == 0)) representative[u] = row;
        }
        return new Units(unitOfRow, label, representative, blockOfUnit, blockLabel);
    }

    /** (group, side) pairs numbered in order of first row. */
    private static int[] bySide(int[] groupOfRow, int[] labels) {
        int groups = 0;
        for (int g : groupOfRow) groups = Math.max(groups, g + 1);
        int[] numberOf = new int[2 * groups];
        Arrays.fill(numberOf, -1);
        int[] out = new int[labels.length];
        int count = 0;
        for (int row = 0; row < labels.length; row++) {
            int key = 2 * groupOfRow[row] + labels[row];
            if (numberOf[key] < 0) numberOf[key] = count++;
            out[row] = numberOf[key];
        }
        return out;
    }

    /** Side of every block (0 reference, 1 current); callers must not modify it. */
    int[] blockLabels() { return blockLabel; }

    /** Blocks on side {@code side}. */
    int blocks(int side) {
        int c = 0;
        for (int l : blockLabel) if (l == side) c++;
        return c;
    }

    int blockOf(int unit) { return blockOfUnit[unit]; }

    int count() { return label.length; }

    /** Units whose rows are on side {@code side} (0 reference, 1 current). */
    int count(int side) {
        int c = 0;
        for (int l : label) if (l == side) c++;
        return c;
    }

    int unitOf(int row) { return unitOfRow[row]; }

    /** The row that stands for unit {@code u} in the test. */
    int representative(int u) { return representative[u]; }
}
