package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.DriftStatus;

/**
 * What one decision rule said about one pair of windows.
 *
 * @param status  DRIFT, OK or INSUFFICIENT_DATA
 * @param score   drift score max(2 AUC - 1, 0)
 * @param auc     the classifier's AUC (not clipped)
 * @param pValue  the calibrated rule's p-value; NaN for the reference check's rule, which has none
 */
public record RuleOutcome(DriftStatus status, double score, double auc, double pValue) {
    static RuleOutcome of(DriftResult result) {
        return new RuleOutcome(result.status(), result.driftScore(), result.auc(),
                result.pValue() == null ? Double.NaN : result.pValue());
    }

    public boolean drift() { return status == DriftStatus.DRIFT; }
}
