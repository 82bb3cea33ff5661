package dev.imagedrift.tools.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks the goals against the measurements, with the numbers that decide each. */
public final class Goals {
    /** Window sizes from which the calibrated rule must be at least as powerful as the reference check's. */
    public static final int POWER_FROM_SIZE = 500;

    private Goals() {}

    public static List<Goal> evaluate(EvaluationResults results) {
        List<Goal> goals = new ArrayList<>();
        goals.add(falseAlarms(results));
        goals.add(powerAtLeastReference(results));
        results.driftScenarios().stream().filter(s -> s.shift() == Shift.BRIGHTNESS_16).findFirst()
                .ifPresent(s -> goals.add(fullPower(results, s)));
        return goals;
    }

    /** The calibrated rule's no-drift alarm rate is at or below alpha at every window size. */
    static Goal falseAlarms(EvaluationResults results) {
        double alpha = results.plan().alpha();
        List<String> details = new ArrayList<>();
        boolean met = true;
        int worstSize = results.sizes().get(0);
        double worst = -1;
        for (int size : results.sizes()) {
            CellResult cell = results.noDrift(size);
            Proportion c = cell.alarms(Rule.CALIBRATED);
            Proportion r = cell.alarms(Rule.REFERENCE_CHECK);
            boolean ok = c.rate() <= alpha;
            met &= ok;
            if (c.rate() > worst) {
                worst = c.rate();
                worstSize = size;
            }
            details.add(String.format(Locale.ROOT, "%,d per side: calibrated %s (%d of %,d; 95%% interval %s-%s)%s; "
                            + "reference check %s", size, Format.percent(c.rate()), c.count(), c.trials(),
                    Format.percent(c.lower()), Format.percent(c.upper()),
                    ok ? "" : (c.lower() <= alpha ? " - above alpha, but alpha is inside the interval" : " - ABOVE alpha"),
                    Format.percent(r.rate())));
        }
        String summary = String.format(Locale.ROOT, "highest calibrated false-alarm rate %s (at %,d per side) vs alpha %s; "
                        + "the reference check's rule: %s at %,d per side",
                Format.percent(worst), worstSize, Format.percent(alpha),
                Format.percent(results.noDrift(results.sizes().get(0)).alarms(Rule.REFERENCE_CHECK).rate()),
                results.sizes().get(0));
        return new Goal(String.format(Locale.ROOT, "False-alarm rate of the calibrated rule at or below alpha = %s at every "
                + "window size", Format.number(alpha)), Goal.Verdict.of(met), summary, details);
    }

    /** From {@value #POWER_FROM_SIZE} per side, the calibrated rule detects every drift at least as often. */
    static Goal powerAtLeastReference(EvaluationResults results) {
        double alpha = results.plan().alpha();
        double floor = results.plan().minScore();
        List<String> misses = new ArrayList<>();
        int compared = 0;
        for (Scenario s : results.driftScenarios()) {
            for (int size : results.sizes()) {
                if (size < POWER_FROM_SIZE) continue;
                compared++;
                CellResult cell = results.cell(s, size);
                Proportion c = cell.alarms(Rule.CALIBRATED);
                Proportion r = cell.alarms(Rule.REFERENCE_CHECK);
                if (c.rate() >= r.rate()) continue;
                int[] discordant = cell.discordant();
                Proportion referenceNull = results.noDrift(size).alarms(Rule.REFERENCE_CHECK);
                MatchedFalseAlarms.Level matched = MatchedFalseAlarms.match(results.noDrift(size), floor,
                        referenceNull.rate());
                Proportion matchedPower = MatchedFalseAlarms.alarms(cell, matched.alpha(), floor);
                misses.add(String.format(Locale.ROOT, "%s at %,d per side: calibrated %s vs reference check %s "
                                + "(the reference check's rule alarms in %s of no-drift windows at this size). "
                                + "Mean drift score: calibrated %.3f, reference check %.3f (floor %s). "
                                + "The calibrated rule had p < alpha in %s of these windows and a score at or above "
                                + "the floor in %s (both: %s). "
                                + "Windows only the reference check called DRIFT: %d; only the calibrated rule: %d "
                                + "(exact McNemar p = %s). %s",
                        s.label(), size, Format.percent(c.rate()), Format.percent(r.rate()),
                        Format.percent(referenceNull.rate()), cell.meanScore(Rule.CALIBRATED),
                        cell.meanScore(Rule.REFERENCE_CHECK), Format.number(floor),
                        Format.percent(cell.significant(alpha).rate()), Format.percent(cell.largeEnough(floor).rate()),
                        Format.percent(c.rate()),
                        discordant[1], discordant[0], Format.pValue(mcNemar(discordant[0], discordant[1])),
                        matchedSentence(matched, matchedPower)));
            }
        }
        String statement = String.format(Locale.ROOT, "From %,d images per side, detection power at least the reference "
                + "check's on every drift scenario", POWER_FROM_SIZE);
        if (compared == 0) return notMeasured(statement);
        String summary = misses.isEmpty()
                ? String.format(Locale.ROOT, "met in all %d scenario-size cells from %,d per side", compared, POWER_FROM_SIZE)
                : String.format(Locale.ROOT, "missed in %d of %d scenario-size cells from %,d per side (below)",
                        misses.size(), compared, POWER_FROM_SIZE);
        return new Goal(statement, Goal.Verdict.of(misses.isEmpty()), summary, misses);
    }

    /** What the calibrated rule detects at (at most) the reference check's false-alarm rate. */
    private static String matchedSentence(MatchedFalseAlarms.Level matched, Proportion power) {
        if (matched.alpha() >= 1) {
            return String.format(Locale.ROOT, "Without its significance test (the floor alone, which gives %s false "
                    + "alarms on the same no-drift windows, no more than the reference check's rule) the calibrated "
                    + "rule detects %s.", Format.percent(matched.falseAlarms().rate()), Format.percent(power.rate()));
        }
        return String.format(Locale.ROOT, "At the reference check's own no-drift rate (alpha moved to %s, giving %s "
                        + "false alarms on the same no-drift windows) the calibrated rule detects %s.",
                Format.alpha(matched.alpha()), Format.percent(matched.falseAlarms().rate()), Format.percent(power.rate()));
    }

    /** Every window of the scenario at {@value #POWER_FROM_SIZE}+ per side is called DRIFT. */
    static Goal fullPower(EvaluationResults results, Scenario scenario) {
        List<String> details = new ArrayList<>();
        boolean met = true;
        for (int size : results.sizes()) {
            if (size < POWER_FROM_SIZE) continue;
            Proportion c = results.cell(scenario, size).alarms(Rule.CALIBRATED);
            met &= c.count() == c.trials();
            details.add(String.format(Locale.ROOT, "%,d per side: %d of %d windows (%s)", size, c.count(), c.trials(),
                    Format.percent(c.rate())));
        }
        String statement = String.format(Locale.ROOT, "Power 100%% on %s from %,d per side", scenario.label(),
                POWER_FROM_SIZE);
        if (details.isEmpty()) return notMeasured(statement);
        return new Goal(statement, Goal.Verdict.of(met), String.join("; ", details), details);
    }

    private static Goal notMeasured(String statement) {
        return new Goal(statement, Goal.Verdict.NOT_MEASURED, String.format(Locale.ROOT,
                "no window size of %,d per side or more in this run", POWER_FROM_SIZE), List.of());
    }

    /**
     * Two-sided exact McNemar test of paired outcomes: under "both rules alarm equally often" each
     * discordant window is equally likely to go either way.
     */
    static double mcNemar(int onlyFirst, int onlySecond) {
        int n = onlyFirst + onlySecond;
        if (n == 0) return 1.0;
        int k = Math.min(onlyFirst, onlySecond);
        double tail = 0;
        for (int i = 0; i <= k; i++) tail += Math.exp(logChoose(n, i) - n * Math.log(2));
        return Math.min(1.0, 2 * tail);
    }

    private static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
        return s;
    }
}
