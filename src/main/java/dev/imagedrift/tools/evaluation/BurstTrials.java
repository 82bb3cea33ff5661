package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.Samples;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trials of correlated traffic: a reference of independent pool images against a current window
 * of bursts ({@link BurstScenario}), both rules on the same pair. As in {@link TrialRunner}, every
 * trial depends only on its seeds, and trial t of a scenario draws the same reference, scenes and
 * bursts under every variant (common random numbers).
 */
final class BurstTrials {
    /** One trial: both rules, and the independent units the calibrated rule found in the current window. */
    record Outcome(TrialOutcome rules, int unitsFound) {}

    /** Every trial of one scenario under one variant. */
    record Cell(BurstScenario scenario, BurstBank.Variant variant, List<Outcome> outcomes) {
        Proportion alarms(Rule rule) {
            int count = 0;
            for (Outcome o : outcomes) if (o.rules().of(rule).drift()) count++;
            return new Proportion(count, outcomes.size());
        }

        double meanUnits() {
            return outcomes.stream().mapToInt(Outcome::unitsFound).average().orElse(Double.NaN);
        }

        double meanScore(Rule rule) {
            return outcomes.stream().mapToDouble(o -> o.rules().of(rule).score()).filter(Double::isFinite).average()
                    .orElse(Double.NaN);
        }
    }

    private final EvaluationData data;
    private final BurstBank bank;
    private final DetectorSettings calibrated;
    private final DetectorSettings referenceCheck;
    private final long seed;

    BurstTrials(EvaluationData data, BurstBank bank, DetectorSettings calibrated, DetectorSettings referenceCheck,
                long seed) {
        this.data = data;
        this.bank = bank;
        this.calibrated = calibrated;
        this.referenceCheck = referenceCheck;
        this.seed = seed;
    }

    /** The variants a scenario is run under: drift variants only where every current frame can carry them. */
    static List<BurstBank.Variant> variants(BurstScenario s) {
        if (s.independentFrames() > 0) return List.of(BurstBank.Variant.NONE, BurstBank.Variant.BRIGHTNESS_16);
        return List.of(BurstBank.Variant.values());
    }

    /** Runs {@code nullTrials} no-drift and {@code powerTrials} trials of each drift variant of every scenario. */
    List<Cell> run(List<BurstScenario> scenarios, int nullTrials, int powerTrials, int threads, Runnable onTrialDone) {
        List<Object[]> tasks = new ArrayList<>();
        Map<BurstScenario, Map<BurstBank.Variant, Outcome[]>> slots = new LinkedHashMap<>();
        for (BurstScenario s : scenarios) {
            Map<BurstBank.Variant, Outcome[]> byVariant = new EnumMap<>(BurstBank.Variant.class);
            for (BurstBank.Variant v : variants(s)) {
                int trials = v == BurstBank.Variant.NONE ? nullTrials : powerTrials;
                byVariant.put(v, new Outcome[trials]);
                for (int t = 0; t < trials; t++) tasks.add(new Object[] {s, v, t});
            }
            slots.put(s, byVariant);
        }
        ParallelWork.forEach(threads, tasks.size(), i -> {
            BurstScenario s = (BurstScenario) tasks.get(i)[0];
            BurstBank.Variant v = (BurstBank.Variant) tasks.get(i)[1];
            int t = (Integer) tasks.get(i)[2];
            slots.get(s).get(v)[t] = trial(s, v, t);
            onTrialDone.run();
        }, "burst trials");
        List<Cell> cells = new ArrayList<>();
        slots.forEach((s, byVariant) -> byVariant.forEach((v, outcomes) -> cells.add(new Cell(s, v, List.of(outcomes)))));
        return cells;
    }

    /** Trial {@code trial} of a scenario under a variant. */
    Outcome trial(BurstScenario s, BurstBank.Variant variant, int trial) {
        PropertyTable base = data.pool(Shift.NONE);
        SplittableRandom draw = new SplittableRandom(TrialSeeds.derive(seed, 0xB0257L, s.key().hashCode(), trial));
        int[] poolRows = WindowDraw.distinct(base.size(), s.referenceSize() + s.independentFrames(), draw);
        Samples reference = base.window(poolRows, 0, s.referenceSize());

        // Scenes with this jitter are those numbered jitterIndex, jitterIndex + 3, ...
        int jitterIndex = 0;
        while (BurstBank.JITTERS[jitterIndex] != s.jitter()) jitterIndex++;
        int available = (bank.scenes() - jitterIndex + BurstBank.JITTERS.length - 1) / BurstBank.JITTERS.length;
        int[] picked = WindowDraw.distinct(available, s.scenes(), draw);
        PropertyTable frames = bank.table(variant);
        PropertyTable independent = data.pool(variant == BurstBank.Variant.BRIGHTNESS_16 ? Shift.BRIGHTNESS_16 : Shift.NONE);
        List<double[]> rows = new ArrayList<>();
        for (int pick : picked) {
            int scene = jitterIndex + pick * BurstBank.JITTERS.length;
            int burst = s.minBurst() + draw.nextInt(s.maxBurst() - s.minBurst() + 1);
            for (int f = 0; f < burst; f++) rows.add(frames.rows()[BurstBank.row(scene, f)]);
        }
        for (int k = s.referenceSize(); k < poolRows.length; k++) rows.add(independent.rows()[poolRows[k]]);
        // Opaque names, arrival order shuffled: the detector gets no hint of which frames belong together.
        int[] order = WindowDraw.distinct(rows.size(), rows.size(), draw);
        double[][] shuffled = new double[rows.size()][];
        List<String> ids = new ArrayList<>(rows.size());
        for (int i = 0; i < order.length; i++) {
            shuffled[i] = rows.get(order[i]);
            ids.add(Long.toHexString(draw.nextLong()));
        }
        Samples current = new Samples(base.propertyNames(), shuffled, ids);

        long detectorSeed = TrialSeeds.derive(seed, 0xDE7EC7L, s.key().hashCode(), trial);
        DriftResult c = Detectors.create(calibrated.withSeed(detectorSeed)).detect(reference, current);
        DriftResult r = Detectors.create(referenceCheck.withSeed(detectorSeed)).detect(reference, current);
        int units = c.unitsCurrent() == null ? -1 : c.unitsCurrent();
        return new Outcome(new TrialOutcome(RuleOutcome.of(c), RuleOutcome.of(r)), units);
    }
}
