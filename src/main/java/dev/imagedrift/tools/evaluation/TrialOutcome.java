package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.UnivariateDrift;

/**
 * Both rules on the same pair of windows (a paired comparison), and a third, univariate rule for
 * the matched comparison: per-property Kolmogorov-Smirnov tests with a Bonferroni correction.
 *
 * @param ksBonferroni the smallest per-property KS p-value times the number of properties tested
 *                     (at most 1): that rule calls DRIFT at level L iff this is below L; NaN when
 *                     not measured
 */
public record TrialOutcome(RuleOutcome calibrated, RuleOutcome referenceCheck, double ksBonferroni) {
    public TrialOutcome(RuleOutcome calibrated, RuleOutcome referenceCheck) {
        this(calibrated, referenceCheck, Double.NaN);
    }

    public RuleOutcome of(Rule rule) {
        return rule == Rule.CALIBRATED ? calibrated : referenceCheck;
    }

    /** Bonferroni-corrected smallest KS p-value of a result's per-property tests (NaN when none was computed). */
    static double ksBonferroni(DriftResult result) {
        double min = Double.POSITIVE_INFINITY;
        int tested = 0;
        for (UnivariateDrift u : result.univariate()) {
            if (u.ksPValue() == null) continue;
            tested++;
            min = Math.min(min, u.ksPValue());
        }
        return tested == 0 ? Double.NaN : Math.min(1.0, tested * min);
    }
}
