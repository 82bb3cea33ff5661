package dev.imagedrift.tools.evaluation;

import java.util.List;
import java.util.Objects;

/** The outcomes of every trial of one cell, in trial order. */
public record CellResult(Cell cell, List<TrialOutcome> outcomes) {
    public CellResult {
        Objects.requireNonNull(cell, "cell");
        outcomes = List.copyOf(outcomes);
        if (outcomes.size() != cell.trials()) {
            throw new IllegalArgumentException(cell + ": " + outcomes.size() + " outcomes for " + cell.trials() + " trials");
        }
    }

    /** Windows the rule called DRIFT, out of all trials. */
    public Proportion alarms(Rule rule) {
        int count = 0;
        for (TrialOutcome o : outcomes) if (o.of(rule).drift()) count++;
        return new Proportion(count, outcomes.size());
    }

    /** Mean drift score of the rule over the trials (NaN scores, from too-small windows, skipped). */
    public double meanScore(Rule rule) {
        double sum = 0;
        int n = 0;
        for (TrialOutcome o : outcomes) {
            double s = o.of(rule).score();
            if (!Double.isNaN(s)) {
                sum += s;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Windows where the calibrated rule's p-value was below alpha (whatever its score). */
    public Proportion significant(double alpha) {
        int count = 0;
        for (TrialOutcome o : outcomes) if (o.calibrated().pValue() < alpha) count++;
        return new Proportion(count, outcomes.size());
    }

    /** Windows where the calibrated rule's score reached the floor (whatever its p-value). */
    public Proportion largeEnough(double floor) {
        int count = 0;
        for (TrialOutcome o : outcomes) if (o.calibrated().score() >= floor) count++;
        return new Proportion(count, outcomes.size());
    }

    /** Windows where exactly one rule said DRIFT: {@code [only calibrated, only reference check]}. */
    public int[] discordant() {
        int onlyCalibrated = 0;
        int onlyReference = 0;
        for (TrialOutcome o : outcomes) {
            boolean c = o.calibrated().drift();
            boolean r = o.referenceCheck().drift();
            if (c && !r) onlyCalibrated++;
            if (r && !c) onlyReference++;
        }
        return new int[] {onlyCalibrated, onlyReference};
    }

    /** The calibrated rule's p-values, in trial order. */
    public double[] pValues() {
        double[] p = new double[outcomes.size()];
        for (int i = 0; i < p.length; i++) p[i] = outcomes.get(i).calibrated().pValue();
        return p;
    }
}
