package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.DetectionMode;
import dev.imagedrift.detect.DetectorSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to run: no-drift trials and drift trials of each scenario at each window size (images per
 * side), both rules on every pair of windows.
 *
 * @param sizes          window sizes, ascending
 * @param nullTrials     no-drift trials per size
 * @param powerTrials    trials per drift scenario and size
 * @param scenarios      the drift scenarios (not the no-drift one, which is always run)
 * @param calibrated     the product's rule (its seed is replaced per trial)
 * @param referenceCheck the reference check's rule (likewise)
 * @param seed           the run's seed, from which every trial's seeds derive
 */
public record EvaluationPlan(List<Integer> sizes, int nullTrials, int powerTrials, List<Scenario> scenarios,
                             DetectorSettings calibrated, DetectorSettings referenceCheck, long seed) {
    public EvaluationPlan {
        sizes = List.copyOf(sizes);
        scenarios = List.copyOf(scenarios);
        Objects.requireNonNull(calibrated, "calibrated");
        Objects.requireNonNull(referenceCheck, "referenceCheck");
        if (sizes.isEmpty()) throw new IllegalArgumentException("at least one window size is needed");
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) < 2) throw new IllegalArgumentException("window sizes must be at least 2, got " + sizes.get(i));
            if (i > 0 && sizes.get(i) <= sizes.get(i - 1)) {
                throw new IllegalArgumentException("window sizes must be distinct and ascending, got " + sizes);
            }
        }
        if (nullTrials < 1) throw new IllegalArgumentException("no-drift trials must be at least 1, got " + nullTrials);
        if (powerTrials < 1 && !scenarios.isEmpty()) {
            throw new IllegalArgumentException("drift trials must be at least 1, got " + powerTrials);
        }
        for (Scenario s : scenarios) {
            if (s.isNoDrift()) throw new IllegalArgumentException("the no-drift scenario is always run; list drift scenarios only");
        }
        if (calibrated.mode() != DetectionMode.CALIBRATED || referenceCheck.mode() != DetectionMode.REFERENCE_CHECK) {
            throw new IllegalArgumentException("the plan compares a CALIBRATED and a REFERENCE_CHECK rule");
        }
    }

    /** Pool images the bursty windows need: the largest reference plus independent frames of one window. */
    public static final int BURST_POOL_IMAGES = BurstScenario.defaults().stream()
            .mapToInt(s -> s.referenceSize() + s.independentFrames()).max().orElse(0);
    /** Fewest scenes in the burst bank: every jitter size must hold the largest window's scenes. */
    public static final int MIN_BURST_SCENES = BurstBank.JITTERS.length * BurstScenario.defaults().stream()
            .mapToInt(BurstScenario::scenes).max().orElse(0);

    /**
     * The product's defaults for both rules, with two cost-only changes that leave every decision
     * as it is: no permutation importance (importance repeats 0) and no exemplars. Each is
     * computed from the fitted models after the decision and draws its own random numbers.
     */
    public static DetectorSettings decisionOnly(DetectorSettings settings) {
        return new DetectorSettings(settings.mode(), settings.folds(), settings.trees(), settings.maxDepth(),
                settings.learningRate(), settings.minLeafSize(), settings.alpha(), settings.minScore(),
                settings.minSamples(), 0, 0, settings.seed());
    }

    /** The no-drift cells first, then each scenario's, sizes ascending. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (int size : sizes) cells.add(new Cell(Scenario.noDrift(), size, nullTrials));
        for (Scenario s : scenarios) {
            for (int size : sizes) cells.add(new Cell(s, size, powerTrials));
        }
        return cells;
    }

    public int totalTrials() {
        return sizes.size() * (nullTrials + scenarios.size() * powerTrials);
    }

    public double alpha() { return calibrated.alpha(); }

    public double minScore() { return calibrated.minScore(); }

    public double referenceThreshold() { return referenceCheck.minScore(); }
}
