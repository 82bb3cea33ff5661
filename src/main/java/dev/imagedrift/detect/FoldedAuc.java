package dev.imagedrift.detect;

/**
 * The cross-fitted AUC, sum of the folds' U over the sum of their pairs (scores are compared only
 * within a fold, i.e. from one model), with a 95% confidence interval.
 *
 * <p>Interval: DeLong's variance within each fold, combined with the folds' pair-count weights,
 * then doubled because the folds share training rows and so their AUCs are correlated; with no
 * drift the summed covariances equal the summed variances (see {@link SequentialRankTest}). The
 * normal interval is clipped to [0, 1].
 *
 * @param auc    not clipped at 0.5: values below 0.5 are reported as they are
 * @param lower  lower end of the 95% interval
 * @param upper  upper end of the 95% interval
 */
record FoldedAuc(double auc, double lower, double upper) {

    static FoldedAuc of(CrossFit crossFit) {
        RankSum[] folds = new RankSum[crossFit.folds()];
        for (int f = 0; f < folds.length; f++) folds[f] = crossFit.rankSum(f);
        return of(folds);
    }

    static FoldedAuc of(RankSum... folds) {
        double u = 0;
        double pairs = 0;
        for (RankSum fold : folds) {
            u += fold.u();
            pairs += fold.pairs();
        }
        if (pairs == 0) return new FoldedAuc(Double.NaN, Double.NaN, Double.NaN);
        double variance = 0;
        for (RankSum fold : folds) {
            double weight = fold.pairs() / pairs;
            variance += weight * weight * fold.aucVariance();
        }
        double auc = u / pairs;
        double halfWidth = Normal.Z_975 * Math.sqrt(2 * variance);
        return new FoldedAuc(auc, Math.max(0.0, auc - halfWidth), Math.min(1.0, auc + halfWidth));
    }

    /** The reference check's scale: max(2 AUC - 1, 0). */
    double driftScore() {
        return Math.max(2 * auc - 1, 0.0);
    }
}
