package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.DriftStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Synthetic tables, plans and results for the harness's tests (no images, no detector runs). */
final class EvaluationFixtures {
    static final List<String> PROPERTIES = List.of("Aspect Ratio", "Area", "Brightness", "RMS Contrast",
            "Mean Red Relative Intensity", "Mean Green Relative Intensity", "Mean Blue Relative Intensity");

    private EvaluationFixtures() {}

    /** {@code n} rows of seeded standard normals, column {@code shifted} moved by {@code shift}. */
    static PropertyTable normalTable(String name, int n, long seed, int shifted, double shift) {
        Random random = new Random(seed);
        double[][] rows = new double[n][PROPERTIES.size()];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < PROPERTIES.size(); j++) rows[i][j] = random.nextGaussian() + (j == shifted ? shift : 0);
            ids.add("img-" + i);
        }
        return new PropertyTable(name, PROPERTIES, ids, rows);
    }

    /** The same rows as {@code base} with column {@code shifted} moved by {@code shift}. */
    static PropertyTable shifted(PropertyTable base, String name, int shifted, double shift) {
        double[][] rows = new double[base.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = base.rows()[i].clone();
            rows[i][shifted] += shift;
        }
        return new PropertyTable(name, base.propertyNames(), base.ids(), rows);
    }

    static EvaluationPlan plan(List<Integer> sizes, int nullTrials, int powerTrials, List<Scenario> scenarios) {
        return new EvaluationPlan(sizes, nullTrials, powerTrials, scenarios,
                EvaluationPlan.decisionOnly(DetectorSettings.calibratedDefaults()),
                EvaluationPlan.decisionOnly(DetectorSettings.referenceCheckDefaults()), 7L);
    }

    /** A DRIFT or OK outcome of each rule with the given score; the calibrated p-value follows the status. */
    static TrialOutcome outcome(boolean calibratedDrift, boolean referenceDrift, double score) {
        RuleOutcome c = new RuleOutcome(calibratedDrift ? DriftStatus.DRIFT : DriftStatus.OK, score, 0.5 + score / 2,
                calibratedDrift ? 0.001 : 0.5);
        RuleOutcome r = new RuleOutcome(referenceDrift ? DriftStatus.DRIFT : DriftStatus.OK, score, 0.5 + score / 2,
                Double.NaN);
        return new TrialOutcome(c, r);
    }

    /**
     * Results of a plan where trial t of every cell is {@code make.apply(cell)[t]}: the function
     * gets the cell and returns its outcomes.
     */
    static EvaluationResults results(EvaluationPlan plan, Function<Cell, List<TrialOutcome>> make) {
        List<CellResult> cells = new ArrayList<>();
        for (Cell cell : plan.cells()) cells.add(new CellResult(cell, make.apply(cell)));
        return new EvaluationResults(plan, cells);
    }

    /** {@code drifts} DRIFT outcomes of the calibrated rule and {@code referenceDrifts} of the reference, out of n. */
    static List<TrialOutcome> counts(int n, int drifts, int referenceDrifts, double score) {
        IntFunction<TrialOutcome> make = t -> outcome(t < drifts, t < referenceDrifts, score);
        List<TrialOutcome> list = new ArrayList<>();
        for (int t = 0; t < n; t++) list.add(make.apply(t));
        return list;
    }
}
