package dev.imagedrift.detect;

/**
 * Stratified k-fold cross-fitting over all pooled rows: the model of fold f is trained on the
 * other folds, and every row is scored (its margin) by the one model that did not see it.
 * Nothing is subsampled, so unequal side sizes use all their data.
 */
final class CrossFit {
    private final int[] fold;
    private final int[][] heldOut;
    private final TreeEnsemble[] models;
    private final double[] margins;
    private final RankSum[] rankSums;

    private CrossFit(PooledSamples data, int[] fold, int[][] heldOut, TreeEnsemble[] models, double[] margins) {
        this.fold = fold;
        this.heldOut = heldOut;
        this.models = models;
        this.margins = margins;
        this.rankSums = new RankSum[models.length];
        for (int f = 0; f < rankSums.length; f++) rankSums[f] = rankSumOf(data, heldOut[f], margins);
    }

    static CrossFit fit(PooledSamples data, ColumnOrder order, BoostingTrainer trainer, int k, long seed) {
        int[] fold = StratifiedFolds.assign(data.labels(), k, seed);
        int[][] heldOut = new int[k][];
        TreeEnsemble[] models = new TreeEnsemble[k];
        double[] margins = new double[data.size()];
        double[][] columns = data.columns();
        for (int f = 0; f < k; f++) {
            heldOut[f] = StratifiedFolds.rowsIn(fold, f, true);
            models[f] = trainer.fit(data, order, StratifiedFolds.rowsIn(fold, f, false));
            for (int row : heldOut[f]) margins[row] = models[f].margin(columns, row);
        }
        return new CrossFit(data, fold, heldOut, models, margins);
    }

    int folds() { return models.length; }

    /** Fold number of every pooled row; callers must not modify it. */
    int[] foldOfRow() { return fold; }

    /** Pooled rows held out in fold f (ascending); callers must not modify them. */
    int[] heldOut(int f) { return heldOut[f]; }

    TreeEnsemble model(int f) { return models[f]; }

    /** Out-of-fold margin of pooled row {@code row}. */
    double margin(int row) { return margins[row]; }

    /** The rank statistic of fold f's held-out current scores against its held-out reference scores. */
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
