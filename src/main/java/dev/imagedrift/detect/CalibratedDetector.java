package dev.imagedrift.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The product's rule (mode CALIBRATED): the reference check's domain classifier, made honest
 * about sample size.
 *
 * <ol>
 *   <li>Stratified k-fold cross-fitting over all rows of both sides (no subsampling): every row
 *       gets an out-of-fold score from a model that did not see it ({@link CrossFit}).</li>
 *   <li>AUC = sum of the folds' Mann-Whitney U over the sum of their pairs, not clipped, with a
 *       95% interval ({@link FoldedAuc}); drift score = max(2 AUC - 1, 0), the reference check's
 *       scale.</li>
 *   <li>A p-value valid at the window's own sizes, from the folds taken as a chain in which each
 *       fold is scored by a model trained only on earlier folds ({@link SequentialRankTest}
 *       explains why the folds' statistics cannot simply be summed).</li>
 *   <li>DRIFT iff p &lt; alpha (significance) and drift score &gt;= minScore (an effect-size floor,
 *       so a huge window does not alarm on a negligible shift); INSUFFICIENT_DATA when a side has
 *       fewer than minSamples rows.</li>
 *   <li>Importance: fold-stratified AUC drop under permutation ({@link FoldPermutationImportance});
 *       exemplars from the out-of-fold scores.</li>
 * </ol>
 *
 * <p>Folds: {@code min(folds, n_reference, n_current)}, so every fold holds both sides.
 * Stateless and thread-safe.
 */
public final class CalibratedDetector extends ClassifierDetector {
    public CalibratedDetector(DetectorSettings settings) {
        super(settings, DetectionMode.CALIBRATED);
    }

    @Override
    DriftResult decide(PooledSamples data, int nRef, int nCur, List<UnivariateDrift> univariate) {
        ColumnOrder order = ColumnOrder.of(data);
        int folds = Math.min(settings.folds(), Math.min(nRef, nCur));
        CrossFit crossFit = CrossFit.fit(data, order, trainer, folds, Seeds.derive(settings.seed(), 0xF01D));
        FoldedAuc auc = FoldedAuc.of(crossFit);
        SequentialRankTest.Outcome test = SequentialRankTest.test(data, order, trainer, crossFit);
        double[] drops = FoldPermutationImportance.compute(data, crossFit, settings.importanceRepeats(),
                Seeds.derive(settings.seed(), 0x1A9));
        double[] margins = new double[data.size()];
        for (int row = 0; row < margins.length; row++) margins[row] = crossFit.margin(row);
        Exemplars exemplars = ExemplarPicker.pick(data, margins, settings.exemplars());

        double score = auc.driftScore();
        boolean significant = test.pValue() < settings.alpha();
        boolean largeEnough = score >= settings.minScore();
        DriftStatus status = significant && largeEnough ? DriftStatus.DRIFT : DriftStatus.OK;
        String reason = reason(status, significant, largeEnough, score, auc, test, folds, nRef, nCur);
        return new DriftResult(status, reason, score, auc.auc(), auc.lower(), auc.upper(), test.pValue(), nRef, nCur,
                importance(data.propertyNames(), drops), univariate, exemplars, settings);
    }

    private String reason(DriftStatus status, boolean significant, boolean largeEnough, double score, FoldedAuc auc,
                          SequentialRankTest.Outcome test, int folds, int nRef, int nCur) {
        String verdict;
        if (status == DriftStatus.DRIFT) {
            verdict = "DRIFT: p-value %s < alpha %s and drift score %.3f >= floor %s";
        } else if (!significant && !largeEnough) {
            verdict = "OK: p-value %s >= alpha %s and drift score %.3f < floor %s";
        } else if (!significant) {
            verdict = "OK: p-value %s >= alpha %s (not significant), drift score %.3f vs floor %s";
        } else {
            verdict = "OK: p-value %s < alpha %s but drift score %.3f < floor %s (too small to matter)";
        }
        String head = String.format(Locale.ROOT, verdict, ReasonFormat.pValue(test.pValue()),
                ReasonFormat.setting(settings.alpha()), score, ReasonFormat.setting(settings.minScore()));
        if (!(test.nullVariance() > 0)) {
            head += String.format(Locale.ROOT, "; the classifier gave every tested image the same score (too few rows"
                    + " to split with minLeafSize %d?)", settings.minLeafSize());
        }
        return head + String.format(Locale.ROOT, " (AUC %.3f, 95%% CI %.3f-%.3f; %d folds; %d reference vs %d current)",
                auc.auc(), auc.lower(), auc.upper(), folds, nRef, nCur);
    }

    /** Properties by importance, largest first (ties in property order). */
    static List<PropertyImportance> importance(List<String> names, double[] values) {
        List<PropertyImportance> list = new ArrayList<>(values.length);
        for (int j = 0; j < values.length; j++) list.add(new PropertyImportance(names.get(j), values[j]));
        list.sort(Comparator.comparingDouble(PropertyImportance::importance).reversed());
        return list;
    }
}
