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

    /**
     * The reference check's rule with its threshold raised to the smallest value (at least
     * {@code floor}) whose no-drift rate (score &gt;= threshold) is at most {@code target}.
     */
    static double referenceThreshold(CellResult noDrift, double floor, double target) {
        double[] scores = noDrift.outcomes().stream().mapToDouble(o -> o.referenceCheck().score())
                .filter(Double::isFinite).sorted().toArray();
        int allowed = (int) Math.floor(target * noDrift.outcomes().size() + 1e-9);
        if (allowed >= scores.length) return floor;
        // score >= nextUp(s) admits only the `allowed` scores above the (allowed+1)-th largest.
        return Math.max(floor, Math.nextUp(scores[scores.length - 1 - allowed]));
    }

    /** Windows the reference check's rule calls DRIFT at {@code threshold}. */
    static Proportion referenceAlarms(CellResult cell, double threshold) {
        long count = cell.outcomes().stream().filter(o -> o.referenceCheck().score() >= threshold).count();
        return new Proportion((int) count, cell.outcomes().size());
    }

    /** The largest level of the KS + Bonferroni rule whose no-drift rate (p_B &lt; level) is at most {@code target}. */
    static double ksLevel(CellResult noDrift, double target) {
        double[] p = noDrift.outcomes().stream().mapToDouble(TrialOutcome::ksBonferroni).filter(v -> !Double.isNaN(v))
                .sorted().toArray();
        int allowed = (int) Math.floor(target * noDrift.outcomes().size() + 1e-9);
        return allowed >= p.length ? 1.0 : p[allowed];
    }

    /** Windows the KS + Bonferroni rule calls DRIFT at {@code level}. */
    static Proportion ksAlarms(CellResult cell, double level) {
        long count = cell.outcomes().stream().filter(o -> o.ksBonferroni() < level).count();
        return new Proportion((int) count, cell.outcomes().size());
    }

    /** Windows the calibrated rule calls DRIFT at the given alpha and floor. */
    static Proportion alarms(CellResult cell, double alpha, double floor) {
        long count = cell.outcomes().stream().map(TrialOutcome::calibrated)
                .filter(o -> o.pValue() < alpha && o.score() >= floor).count();
        return new Proportion((int) count, cell.outcomes().size());
    }
}
