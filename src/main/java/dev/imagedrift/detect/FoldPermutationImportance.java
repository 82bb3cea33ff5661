package dev.imagedrift.detect;

import java.util.Arrays;

/**
 * Property importance that agrees with the calibrated score: the mean drop of the fold-stratified
 * AUC when one property is permuted among each fold's held-out rows and the rows are re-scored
 * by that fold's model. Negative drops are set to 0 and nothing is renormalised, so a property
 * the classifier does not rely on stays near 0 instead of claiming a share of 100%.
 *
 * <p>Cheap by construction: a fold model that never splits on a property cannot change a score
 * when it is permuted (its drop is exactly 0, no work); otherwise only the trees that split on
 * the property are re-evaluated, the other trees' outputs are reused in the same summation order
 * as a full prediction, so unchanged rows keep bit-identical scores and ties stay ties.
 */
final class FoldPermutationImportance {
    private FoldPermutationImportance() {}

    /** AUC drop per property (property order), or an empty array when {@code repeats} is 0. */
    static double[] compute(PooledSamples data, CrossFit crossFit, int repeats, long seed) {
        if (repeats == 0) return new double[0];
        int p = data.dimension();
        double[] uDrop = new double[p];
        double pairs = 0;
        for (int f = 0; f < crossFit.folds(); f++) {
            pairs += crossFit.rankSum(f).pairs();
            new Fold(data, crossFit, f).addDrops(repeats, seed, uDrop);
        }
        double[] drop = new double[p];
        for (int j = 0; j < p; j++) drop[j] = pairs == 0 ? 0.0 : Math.max(0.0, uDrop[j] / repeats / pairs);
        return drop;
    }

    /** One fold's held-out rows, model and scratch space. */
    private static final class Fold {
        private final double[][] columns;
        private final TreeEnsemble model;
        private final int[] rows;
        private final boolean[] isCurrent;
        private final double[][] treeOutputs;
        private final double baselineU;
        private final double[] reference;
        private final double[] current;
        private final int fold;

        Fold(PooledSamples data, CrossFit crossFit, int f) {
            this.columns = data.columns();
            this.model = crossFit.model(f);
            this.rows = crossFit.tested(f);
            this.fold = f;
            int m = rows.length;
            this.isCurrent = new boolean[m];
            int n1 = 0;
            for (int i = 0; i < m; i++) {
                isCurrent[i] = data.label(rows[i]) == 1;
                if (isCurrent[i]) n1++;
            }
            this.reference = new double[m - n1];
            this.current = new double[n1];
            this.treeOutputs = new double[model.treeCount()][m];
            for (int t = 0; t < treeOutputs.length; t++) {
                for (int i = 0; i < m; i++) treeOutputs[t][i] = model.treeOutput(t, columns, rows[i]);
            }
            this.baselineU = crossFit.rankSum(f).u();
        }

        void addDrops(int repeats, long seed, double[] uDrop) {
            int m = rows.length;
            int trees = treeOutputs.length;
            int[] permutation = new int[m];
            double[] values = new double[m];
            boolean[] treeUses = new boolean[trees];
            for (int j = 0; j < uDrop.length; j++) {
                if (!model.uses(j)) continue;
                for (int t = 0; t < trees; t++) treeUses[t] = model.treeUses(t, j);
                for (int i = 0; i < m; i++) {
                    values[i] = columns[j][rows[i]];
                    permutation[i] = i;
                }
                SeededRandom random = new SeededRandom(Seeds.derive(seed, fold, j));
                for (int r = 0; r < repeats; r++) {
                    random.shuffle(permutation);
                    uDrop[j] += baselineU - permutedU(j, values, permutation, treeUses);
                }
            }
        }

        /** U of the fold with property j's values permuted: the same summation as a full prediction. */
        private double permutedU(int j, double[] values, int[] permutation, boolean[] treeUses) {
            double intercept = model.intercept();
            double shrinkage = model.shrinkage();
            int a = 0;
            int b = 0;
            for (int i = 0; i < rows.length; i++) {
                double v = values[permutation[i]];
                double margin = intercept;
                for (int t = 0; t < treeUses.length; t++) {
                    double out = treeUses[t] ? model.treeOutputWith(t, columns, rows[i], j, v) : treeOutputs[t][i];
                    margin += shrinkage * out;
                }
                if (isCurrent[i]) current[b++] = margin;
                else reference[a++] = margin;
            }
            Arrays.sort(reference);
            Arrays.sort(current);
            return RankSum.uOfSorted(reference, a, current, b);
        }
    }
}
