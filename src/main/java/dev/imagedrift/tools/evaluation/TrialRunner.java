package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.DetectionMode;
import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.Samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Runs trials: draws a reference and a current window, then applies both rules to that same pair.
 * Trials are independent; a fixed number of threads pull them from one list, and every trial's
 * outcome depends only on its seeds (see {@link TrialSeeds}), so the results are the same for
 * any number of threads and any scheduling.
 */
public final class TrialRunner {
    private final EvaluationData data;
    private final DetectorSettings calibrated;
    private final DetectorSettings referenceCheck;
    private final long seed;
    private final int threads;

    /**
     * @param calibrated     settings of the product's rule (mode CALIBRATED); its seed is replaced per trial
     * @param referenceCheck settings of the reference check's rule (mode REFERENCE_CHECK); likewise
     */
    public TrialRunner(EvaluationData data, DetectorSettings calibrated, DetectorSettings referenceCheck, long seed,
                       int threads) {
        this.data = Objects.requireNonNull(data, "data");
        if (calibrated.mode() != DetectionMode.CALIBRATED) {
            throw new IllegalArgumentException("calibrated settings need mode CALIBRATED, got " + calibrated.mode());
        }
        if (referenceCheck.mode() != DetectionMode.REFERENCE_CHECK) {
            throw new IllegalArgumentException("reference-check settings need mode REFERENCE_CHECK, got "
                    + referenceCheck.mode());
        }
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.calibrated = calibrated;
        this.referenceCheck = referenceCheck;
        this.seed = seed;
        this.threads = threads;
    }

    /** Runs every trial of every cell; {@code onTrialDone} is called (from worker threads) after each. */
    public List<CellResult> run(List<Cell> cells, Runnable onTrialDone) {
        for (Cell cell : cells) requireDrawable(cell);
        TrialOutcome[][] outcomes = new TrialOutcome[cells.size()][];
        List<int[]> tasks = new ArrayList<>();
        for (int c = 0; c < cells.size(); c++) {
            outcomes[c] = new TrialOutcome[cells.get(c).trials()];
            for (int t = 0; t < cells.get(c).trials(); t++) tasks.add(new int[] {c, t});
        }
        // Largest windows first, so the slowest trials do not straggle at the end.
        tasks.sort(Comparator.comparingInt((int[] task) -> -cells.get(task[0]).size()));

        ParallelWork.forEach(threads, tasks.size(), i -> {
            int[] task = tasks.get(i);
            Cell cell = cells.get(task[0]);
            try {
                outcomes[task[0]][task[1]] = trial(cell.scenario(), cell.size(), task[1]);
            } catch (RuntimeException e) {
                throw new IllegalStateException("trial " + task[1] + " of " + cell.scenario().key()
                        + " at " + cell.size() + " per side failed: " + e.getMessage(), e);
            }
            onTrialDone.run();
        }, "evaluation");
        List<CellResult> results = new ArrayList<>(cells.size());
        for (int c = 0; c < cells.size(); c++) results.add(new CellResult(cells.get(c), Arrays.asList(outcomes[c])));
        return results;
    }

    /** Trial {@code trial} of a scenario at {@code size} images per side. */
    TrialOutcome trial(Scenario scenario, int size, int trial) {
        PropertyTable base = data.pool(Shift.NONE);
        SplittableRandom draw = new SplittableRandom(TrialSeeds.windows(seed, size, trial));
        Samples reference;
        Samples current;
        if (scenario.isDomain()) {
            // The first n rows of a partial shuffle do not depend on how many more are drawn, so
            // this reference window is the one the pool scenarios of the same trial use.
            reference = base.window(WindowDraw.distinct(base.size(), size, draw), 0, size);
            PropertyTable domain = data.domain(scenario.domain());
            int[] rows = WindowDraw.distinct(domain.size(), size,
                    new SplittableRandom(TrialSeeds.domain(seed, size, trial)));
            current = domain.window(rows, 0, size);
        } else {
            int[] rows = WindowDraw.distinct(base.size(), 2 * size, draw);
            reference = base.window(rows, 0, size);
            current = data.pool(scenario.shift()).window(rows, size, 2 * size);
        }
        long detectorSeed = TrialSeeds.detector(seed, size, trial);
        DriftResult c = Detectors.create(calibrated.withSeed(detectorSeed)).detect(reference, current);
        RuleOutcome r = RuleOutcome.of(Detectors.create(referenceCheck.withSeed(detectorSeed)).detect(reference, current));
        return new TrialOutcome(RuleOutcome.of(c), r, TrialOutcome.ksBonferroni(c));
    }

    private void requireDrawable(Cell cell) {
        Scenario s = cell.scenario();
        if (s.isDomain()) {
            if (!data.hasDomain(s.domain())) throw new IllegalArgumentException("no image domain '" + s.domain() + "'");
            if (data.domain(s.domain()).size() < cell.size()) {
                throw new IllegalArgumentException("domain " + s.domain() + " holds " + data.domain(s.domain()).size()
                        + " images, fewer than a window of " + cell.size());
            }
            if (data.poolSize() < cell.size()) {
                throw new IllegalArgumentException("the pool holds " + data.poolSize() + " images, fewer than a window of "
                        + cell.size());
            }
        } else {
            if (!data.hasShift(s.shift())) throw new IllegalArgumentException("no pool variant for shift " + s.shift().key());
            if (data.poolSize() < 2 * cell.size()) {
                throw new IllegalArgumentException("the pool holds " + data.poolSize() + " images, fewer than two disjoint "
                        + "windows of " + cell.size());
            }
        }
    }
}
