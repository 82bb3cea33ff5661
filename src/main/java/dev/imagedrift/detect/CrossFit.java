package dev.imagedrift.detect;

/**
 * Stratified k-fold cross-fitting over all pooled rows: the model of fold f is trained on the
 * other folds, and every row is scored (its margin) by the one model that did not see it.
 * Nothing is subsampled, so unequal side sizes use all their data.
 *
 * <p>Folds are dealt by block of independent units ({@link Units}), not by row: the frames of one
 * burst are all in one fold, so no model is tested on near-copies of its own training rows. Each fold's rank
 * statistic counts its units once, by their representative rows. With no near-duplicates every
 * row is a unit and this is plain stratified k-fold cross-fitting.
 */
final class CrossFit {
    private final int[] fold;
    private final int[][] tested;
    private final TreeEnsemble[] models;
    private final double[] margins;
    private final RankSum[] rankSums;

    private CrossFit(PooledSamples data, int[] fold, int[][] tested, TreeEnsemble[] models, double[] margins) {
        this.fold = fold;
        this.tested = tested;
        this.models = models;
        this.margins = margins;
        this.rankSums = new RankSum[models.length];
        for (int f = 0; f < rankSums.length; f++) rankSums[f] = rankSumOf(data, tested[f], margins);
    }

    static CrossFit fit(PooledSamples data, Units units, ColumnOrder order, BoostingTrainer trainer, int k, long seed) {
        int[] blockFold = StratifiedFolds.assign(units.blockLabels(), k, seed);
        int[] unitFold = new int[units.count()];
        for (int u = 0; u < unitFold.length; u++) unitFold[u] = blockFold[units.blockOf(u)];
        int[] fold = new int[data.size()];
        for (int row = 0; row < fold.length; row++) fold[row] = unitFold[units.unitOf(row)];
        int[][] tested = new int[k][];
        TreeEnsemble[] models = new TreeEnsemble[k];
        double[] margins = new double[data.size()];
        double[][] columns = data.columns();
        for (int f = 0; f < k; f++) {
            tested[f] = representativesIn(units, unitFold, f);
            models[f] = trainer.fit(data, order, StratifiedFolds.rowsIn(fold, f, false));
            // Every held-out row is scored (exemplars show frames), not only the representatives.
            for (int row : StratifiedFolds.rowsIn(fold, f, true)) margins[row] = models[f].margin(columns, row);
        }
        return new CrossFit(data, fold, tested, models, margins);
    }

    /** The representative rows of the units in fold f, ascending. */
    private static int[] representativesIn(Units units, int[] unitFold, int f) {
        int[] unitsInFold = StratifiedFolds.rowsIn(unitFold, f, true);
        int[] rows = new int[unitsInFold.length];
        for (int i = 0; i < rows.length; i++) rows[i] = units.representative(unitsInFold[i]);
        java.util.Arrays.sort(rows);
        return rows;
    }

    int folds() { return models.length; }

    /** Fold number of every pooled row; callers must not modify it. */
    int[] foldOfRow() { return fold; }

    /** The rows that stand for fold f's units in its rank statistic (ascending); callers must not modify them. */
    int[] tested(int f) { return tested[f]; }

    TreeEnsemble model(int f) { return models[f]; }

    /** Out-of-fold margin of pooled row {@code row}. */
    double margin(int row) { return margins[row]; }

    /** The rank statistic of fold f's held-out current units against its held-out reference units. */
    RankSum rankSum(int f) {
        return rankSums[f];
    }

    /** The rank statistic of {@code rows} scored by {@code scores} (indexed by pooled row). */
    static RankSum rankSumOf(PooledSamples data, int[] rows, double[] scores) {
        int n1 = 0;
        for (int row : rows) n1 += data.label(row);
        double[] reference = new double[rows.length - n1];
        double[] current = new double[n1];
        int a = 0;
        int b = 0;
        for (int row : rows) {
            if (data.label(row) == 0) reference[a++] = scores[row];
            else current[b++] = scores[row];
        }
        return RankSum.of(reference, current);
    }
}
