package dev.imagedrift.detect;

import java.util.List;

/**
 * The outcome of comparing a current sample with the reference: one record for the batch
 * {@code check}, the stream's score records and the metrics alike.
 *
 * @param status        OK, DRIFT or INSUFFICIENT_DATA
 * @param reason        one sentence saying why, with the numbers
 * @param driftScore    the reference check's scale, max(2*AUC - 1, 0); NaN when not computed
 * @param auc           classifier AUC (not clipped: below 0.5 is reported as is); NaN when not computed
 * @param aucLower      lower end of the 95% confidence interval of the AUC (null when not computed)
 * @param aucUpper      upper end of that interval (null when not computed)
 * @param pValue        one-sided p-value of "the classifier separates the sides better than
 *                      chance" (null in REFERENCE_CHECK mode and when not computed)
 * @param nReference    reference samples used
 * @param nCurrent      current samples used
 * @param unitsReference independent units among the reference samples: near-duplicate bursts
 *                      counted once (null when not computed: INSUFFICIENT_DATA before grouping,
 *                      or the reference check's rule, which does not group)
 * @param unitsCurrent  independent units among the current samples (null when not computed)
 * @param importance    property importance, largest first
 * @param univariate    per-property KS and EMD, in property order
 * @param exemplars     the images that explain the score
 * @param settings      the settings that produced this result (threshold = settings.minScore())
 */
public record DriftResult(DriftStatus status, String reason, double driftScore, double auc,
                          Double aucLower, Double aucUpper, Double pValue,
                          int nReference, int nCurrent, Integer unitsReference, Integer unitsCurrent,
                          List<PropertyImportance> importance, List<UnivariateDrift> univariate,
                          Exemplars exemplars, DetectorSettings settings) {
    public DriftResult {
        importance = List.copyOf(importance);
        univariate = List.copyOf(univariate);
        if (exemplars == null) exemplars = Exemplars.none();
    }

    /** The threshold in force: the effect-size floor, or the reference check's threshold. */
    public double threshold() { return settings.minScore(); }
}
