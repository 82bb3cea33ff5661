package dev.imagedrift.tools.evaluation;

/**
 * The calibrated rule run at another operating point: its alpha moved (after the fact, on the
 * same trials) to the largest level whose no-drift alarm rate does not exceed a target, such as
 * the reference check's own rate at that window size. Comparing power at equal false-alarm rates
 * separates what the detector can see from how often each rule is allowed to be wrong.
 * Not a product setting: the level is chosen on the very trials that measure it.
 */
final class MatchedFalseAlarms {
    private MatchedFalseAlarms() {}

    /**
     * @param alpha       the matched level (1 when even alpha = 1 stays within the target: the
     *                    effect-size floor alone then caps the false alarms)
     * @param falseAlarms the calibrated rule's no-drift alarms at that level
     */
    record Level(double alpha, Proportion falseAlarms) {}

    /** The largest alpha whose no-drift rate (p &lt; alpha and score &gt;= floor) is at most {@code target}. */
    static Level match(CellResult noDrift, double floor, double target) {
        int n = noDrift.outcomes().size();
        double[] p = noDrift.outcomes().stream().map(TrialOutcome::calibrated)
                .filter(o -> o.score() >= floor).mapToDouble(RuleOutcome::pValue).sorted().toArray();
        int allowed = (int) Math.floor(target * n + 1e-9);
        double alpha = allowed >= p.length ? 1.0 : p[allowed]; // p < p[allowed] admits at most `allowed` windows
        return new Level(alpha, alarms(noDrift, alpha, floor));
    }

    /** Windows the calibrated rule calls DRIFT at the given alpha and floor. */
    static Proportion alarms(CellResult cell, double alpha, double floor) {
        long count = cell.outcomes().stream().map(TrialOutcome::calibrated)
                .filter(o -> o.pValue() < alpha && o.score() >= floor).count();
        return new Proportion((int) count, cell.outcomes().size());
    }
}
