package dev.imagedrift.tools.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The correlated-traffic table of EVALUATION.md and the two goals on bursty windows. */
final class BurstReport {
    /** Share of brightened bursty windows the calibrated rule must call DRIFT. */
    static final double BRIGHTENED_POWER_GOAL = 0.90;

    private BurstReport() {}

    static String table(List<BurstTrials.Cell> cells) {
        if (cells.isEmpty()) return "(no bursty trials in this run)";
        StringBuilder t = new StringBuilder("| current window (shuffled, opaque names) | frames a window | independent units "
                + "found (true) | no drift: calibrated / reference check | seed-page brightening | brightness +16 |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        List<BurstScenario> scenarios = cells.stream().map(BurstTrials.Cell::scenario).distinct().toList();
        for (BurstScenario s : scenarios) {
            BurstTrials.Cell none = find(cells, s, BurstBank.Variant.NONE).orElseThrow();
            t.append(String.format(Locale.ROOT, "| %s | %,.0f | %.1f (%d) | %s | %s | %s |%n", s.label(), s.meanFrames(),
                    none.meanUnits(), s.trueUnits(), pair(none), pair(find(cells, s, BurstBank.Variant.SEED_BRIGHTENING)),
                    pair(find(cells, s, BurstBank.Variant.BRIGHTNESS_16))));
        }
        return t.toString().stripTrailing();
    }

    /** Trials per cell, for the prose. */
    static String trials(List<BurstTrials.Cell> cells) {
        int none = cells.stream().filter(c -> c.variant() == BurstBank.Variant.NONE).mapToInt(c -> c.outcomes().size())
                .findFirst().orElse(0);
        int drift = cells.stream().filter(c -> c.variant() != BurstBank.Variant.NONE).mapToInt(c -> c.outcomes().size())
                .findFirst().orElse(0);
        return String.format(Locale.ROOT, "%,d no-drift windows and %,d windows of each drift per row", none, drift);
    }

    /** The goals: no false alarms beyond alpha on 10 x 10 bursts, and the seed page's brightening seen. */
    static List<Goal> goals(List<BurstTrials.Cell> cells, double alpha) {
        List<Goal> goals = new ArrayList<>();
        Optional<BurstScenario> goal = cells.stream().map(BurstTrials.Cell::scenario)
                .filter(s -> s.key().equals(BurstScenario.GOAL_KEY)).findFirst();
        if (goal.isEmpty()) return goals;
        BurstScenario s = goal.get();
        Proportion fa = find(cells, s, BurstBank.Variant.NONE).orElseThrow().alarms(Rule.CALIBRATED);
        Proportion ref = find(cells, s, BurstBank.Variant.NONE).orElseThrow().alarms(Rule.REFERENCE_CHECK);
        goals.add(new Goal(String.format(Locale.ROOT, "Bursty windows with no drift (%s): false alarms at or below alpha = %s",
                s.label(), Format.number(alpha)), Goal.Verdict.of(fa.rate() <= alpha),
                String.format(Locale.ROOT, "calibrated %s (%d of %,d; 95%% interval %s-%s); reference check's rule %s",
                        Format.percent(fa.rate()), fa.count(), fa.trials(), Format.percent(fa.lower()),
                        Format.percent(fa.upper()), Format.percent(ref.rate())), List.of()));
        find(cells, s, BurstBank.Variant.SEED_BRIGHTENING).ifPresent(c -> {
            Proportion p = c.alarms(Rule.CALIBRATED);
            goals.add(new Goal(String.format(Locale.ROOT, "Bursty windows (%s) with the seed page's brightening: detected in "
                            + "at least %s", s.label(), Format.percent(BRIGHTENED_POWER_GOAL)),
                    Goal.Verdict.of(p.rate() >= BRIGHTENED_POWER_GOAL),
                    String.format(Locale.ROOT, "calibrated %s (%d of %,d; mean drift score %.3f)", Format.percent(p.rate()),
                            p.count(), p.trials(), c.meanScore(Rule.CALIBRATED)), List.of()));
        });
        return goals;
    }

    private static String pair(Optional<BurstTrials.Cell> cell) {
        return cell.map(BurstReport::pair).orElse("not run");
    }

    private static String pair(BurstTrials.Cell c) {
        return Format.percent(c.alarms(Rule.CALIBRATED).rate()) + " / " + Format.percent(c.alarms(Rule.REFERENCE_CHECK).rate());
    }

    private static Optional<BurstTrials.Cell> find(List<BurstTrials.Cell> cells, BurstScenario s, BurstBank.Variant v) {
        return cells.stream().filter(c -> c.scenario().equals(s) && c.variant() == v).findFirst();
    }
}
