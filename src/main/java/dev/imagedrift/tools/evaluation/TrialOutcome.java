package dev.imagedrift.tools.evaluation;

/** Both rules on the same pair of windows (a paired comparison). */
public record TrialOutcome(RuleOutcome calibrated, RuleOutcome referenceCheck) {
    public RuleOutcome of(Rule rule) {
        return rule == Rule.CALIBRATED ? calibrated : referenceCheck;
    }
}
