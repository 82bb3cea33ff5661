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
 *   <li>Near-duplicates (bursts of one scene) are grouped into independent units, from the
 *       property vectors alone and blind to which side a row is on ({@link NearDuplicates},
 *       {@link Units}); independent images are units of their own.</li>
 *   <li>Stratified k-fold cross-fitting over all rows of both sides (no subsampling), dealt by
 *       unit: every row gets an out-of-fold score from a model that saw neither it nor any of its
 *       near-duplicates ({@link CrossFit}).</li>
 *   <li>AUC = sum of the folds' Mann-Whitney U (over units) over the sum of their pairs, not clipped, with a
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
 * <p>Folds: {@code min(folds, units_reference, units_current)}, so every fold holds both sides;
 * fewer than 2 units on a side gives INSUFFICIENT_DATA.
 * Stateless and thread-safe.
 */
public final class CalibratedDetector extends ClassifierDetector {
    public CalibratedDetector(DetectorSettings settings) {
        super(settings, DetectionMode.CALIBRATED);
    }

    @Override
    DriftResult decide(Samples reference, Samples current, PooledSamples data, List<UnivariateDrift> univariate) {
        int nRef = data.nReference();
        int nCur = data.nCurrent();
        Units units = Units.of(NearDuplicates.groups(reference, current, NearDuplicates.TOLERANCE),
                NearDuplicates.groups(reference, current, NearDuplicates.FOLD_FACTOR * NearDuplicates.TOLERANCE),
                data.labels(), Seeds.derive(settings.seed(), 0x0417));
        int unitsRef = units.count(0);
        int unitsCur = units.count(1);
        int folds = Math.min(settings.folds(), Math.min(units.blocks(0), units.blocks(1)));
        if (folds < 2) {
            String why = String.format(Locale.ROOT, "INSUFFICIENT_DATA: %d reference and %d current images hold %d and %d "
                    + "independent units (near-duplicates counted once), too few to split into 2 folds a side",
                    nRef, nCur, unitsRef, unitsCur);
            return new DriftResult(DriftStatus.INSUFFICIENT_DATA, why, Double.NaN, Double.NaN, null, null, null, nRef,
                    nCur, unitsRef, unitsCur, List.of(), univariate, Exemplars.none(), settings);
        }
        ColumnOrder order = ColumnOrder.of(data);
        CrossFit crossFit = CrossFit.fit(data, units, order, trainer, folds, Seeds.derive(settings.seed(), 0xF01D));
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
        String reason = reason(status, significant, largeEnough, score, auc, test, folds, nRef, nCur, unitsRef, unitsCur);
        return new DriftResult(status, reason, score, auc.auc(), auc.lower(), auc.upper(), test.pValue(), nRef, nCur,
                unitsRef, unitsCur, importance(data.propertyNames(), drops), univariate, exemplars, settings);
    }

    private String reason(DriftStatus status, boolean significant, boolean largeEnough, double score, FoldedAuc auc,
                          SequentialRankTest.Outcome test, int folds, int nRef, int nCur, int unitsRef,
                          int unitsCur) {
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
        String counts = unitsRef == nRef && unitsCur == nCur
                ? String.format(Locale.ROOT, "%d reference vs %d current", nRef, nCur)
                : String.format(Locale.ROOT, "%d reference vs %d current images, %d vs %d independent units",
                        nRef, nCur, unitsRef, unitsCur);
        return head + String.format(Locale.ROOT, " (AUC %.3f, 95%% CI %.3f-%.3f; %d folds; %s)",
                auc.auc(), auc.lower(), auc.upper(), folds, counts);
    }

    /** Properties by importance, largest first (ties in property order). */
    static List<PropertyImportance> importance(List<String> names, double[] values) {
        List<PropertyImportance> list = new ArrayList<>(values.length);
        for (int j = 0; j < values.length; j++) list.add(new PropertyImportance(names.get(j), values[j]));
        list.sort(Comparator.comparingDouble(PropertyImportance::importance).reversed());
        return list;
    }
}
