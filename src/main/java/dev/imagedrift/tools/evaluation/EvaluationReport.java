package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.AlertPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/EVALUATION.md: the prose of a template (a resource next to this class) with the run's
 * tables and numbers filled in, so the document always matches the figures it shows.
 */
public final class EvaluationReport {
    static final String TEMPLATE = "evaluation-template.md";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");
    /** Default window: 5 minutes, so 288 windows a day. */
    static final int WINDOWS_PER_DAY = 288;
    /** Alarm rates (per window) whose long-run alert rates the knob table shows besides the measured ones. */
    private static final double[] NOMINAL_ALPHAS = {0.05, 0.01, 0.001};

    private EvaluationReport() {}

    /** The document, with plots linked under {@code plotDir} (relative to the document). */
    public static String render(EvaluationResults results, List<Goal> goals, RunInfo run, PoolDescription pool,
                                String plotDir) {
        return render(results, goals, run, pool, plotDir, List.of());
    }

    /** The document with the correlated-traffic trials {@code bursts} (none: the section says so). */
    static String render(EvaluationResults results, List<Goal> goals, RunInfo run, PoolDescription pool,
                         String plotDir, List<BurstTrials.Cell> bursts) {
        Map<String, String> values = new LinkedHashMap<>();
        EvaluationPlan plan = results.plan();
        values.put("COMMAND", run.command());
        values.put("RUN", runSection(run));
        values.put("ALPHA", Format.number(plan.alpha()));
        values.put("ALPHA_PERCENT", Format.percent(plan.alpha()));
        values.put("MIN_SCORE", Format.number(plan.minScore()));
        values.put("THRESHOLD", Format.number(plan.referenceThreshold()));
        values.put("FOLDS", Integer.toString(plan.calibrated().folds()));
        values.put("SIZES", sizes(plan.sizes()));
        values.put("NULL_TRIALS", String.format(Locale.ROOT, "%,d", plan.nullTrials()));
        values.put("POWER_TRIALS", String.format(Locale.ROOT, "%,d", plan.powerTrials()));
        values.put("TOTAL_TRIALS", String.format(Locale.ROOT, "%,d", plan.totalTrials()));
        values.put("SEED", Long.toString(plan.seed()));
        values.put("POOL_IMAGES", String.format(Locale.ROOT, "%,d", pool.poolImages()));
        values.put("POOL_PHOTOGRAPHS", Integer.toString(pool.poolPhotographs()));
        values.put("NEBULA_IMAGES", String.format(Locale.ROOT, "%,d", pool.nebulaImages()));
        values.put("NEBULA_PHOTOGRAPHS", Integer.toString(pool.nebulaPhotographs()));
        values.put("FASHION_IMAGES", String.format(Locale.ROOT, "%,d", pool.fashionImages()));
        values.put("POWER_FROM", String.format(Locale.ROOT, "%,d", Goals.POWER_FROM_SIZE));
        values.put("GOALS", goalTable(goals));
        values.put("GOAL_DETAILS", goalDetails(goals));
        values.put("SCENARIOS", scenarioTable(results, pool));
        values.put("FALSE_ALARMS", falseAlarmTable(results));
        values.put("P_VALUES", pValueTable(results));
        values.put("POWER", powerTable(results));
        values.put("SCORES", scoreTable(results));
        values.put("MATCHED", matchedTable(results));
        values.put("MATCHED_ALPHA", matchedAtAlphaTable(results));
        values.put("ALERTS", alertTable(results));
        values.put("ALERT_SUMMARY", alertSummary(results));
        values.put("PLOTS", plotDir);
        values.put("BURSTS", BurstReport.table(bursts));
        values.put("BURST_TRIALS", BurstReport.trials(bursts));
        values.put("BURST_FRAMES", Integer.toString(BurstBank.FRAMES));
        values.put("BURST_JITTERS", java.util.Arrays.toString(BurstBank.JITTERS).replaceAll("[\\[\\]]", ""));
        return fill(template(), values);
    }

    /** The results as CSV, one line per scenario, size and rule. */
    public static String csv(EvaluationResults results) {
        StringBuilder out = new StringBuilder("scenario,images_per_side,trials,rule,drift_windows,rate,rate_lower_95,"
                + "rate_upper_95,mean_drift_score\n");
        for (CellResult cell : results.all()) {
            for (Rule rule : Rule.values()) {
                Proportion p = cell.alarms(rule);
                out.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%d,%.6f,%.6f,%.6f,%.6f%n", cell.cell().scenario().key(),
                        cell.cell().size(), cell.cell().trials(), rule.name().toLowerCase(Locale.ROOT), p.count(),
                        p.rate(), p.lower(), p.upper(), cell.meanScore(rule)));
            }
        }
        return out.toString();
    }

    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) throw new IllegalStateException("the report template uses {{" + m.group(1) + "}}, which has no value");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String template() {
        try (InputStream in = EvaluationReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) throw new IllegalStateException("report template " + TEMPLATE + " is not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report template", e);
        }
    }

    private static String runSection(RunInfo run) {
        List<String> lines = new ArrayList<>();
        lines.add("- Run started " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .format(run.started().atOffset(ZoneOffset.UTC)) + " on " + run.machine() + "; " + run.java() + ".");
        String load = run.loadBefore().isEmpty() ? "" : " One-minute load average " + run.loadBefore() + " at the start and "
                + run.loadAfter() + " at the end of the trials.";
        lines.add(String.format(Locale.ROOT, "- Elapsed: property vectors %s (%s), trials %s on %d threads.%s",
                duration(run.dataTime()), run.cachedVectors() ? "read from the cache" : "built and cached",
                duration(run.trialTime()), run.threads(), load));
        if (!run.note().isBlank()) lines.add("- Note: " + run.note());
        return String.join("\n", lines);
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    private static String goalTable(List<Goal> goals) {
        StringBuilder t = new StringBuilder("| goal | met? | measured |\n|---|---|---|\n");
        for (Goal g : goals) {
            t.append("| ").append(g.statement()).append(" | ").append(g.verdict().cell()).append(" | ")
                    .append(g.summary()).append(" |\n");
        }
        return t.toString().stripTrailing();
    }

    private static String goalDetails(List<Goal> goals) {
        StringBuilder t = new StringBuilder();
        for (Goal g : goals) {
            t.append("**").append(g.statement()).append("** - ").append(g.verdict().text()).append(".\n\n");
            for (String d : g.details()) t.append("- ").append(d).append('\n');
            t.append('\n');
        }
        return t.toString().stripTrailing();
    }

    private static String scenarioTable(EvaluationResults results, PoolDescription pool) {
        StringBuilder t = new StringBuilder("| scenario | current window | largest property changes (pool sd) |\n|---|---|---|\n");
        for (Scenario s : results.driftScenarios()) {
            String what = s.isDomain()
                    ? "images of another domain (" + s.domain() + "); reference window unchanged"
                    : "other pool images, each " + describeShift(s.shift());
            t.append("| ").append(s.label()).append(" | ").append(what).append(" | ")
                    .append(pool.effects().getOrDefault(s.key(), "")).append(" |\n");
        }
        return t.toString().stripTrailing();
    }

    private static String describeShift(Shift shift) {
        return switch (shift) {
            case NONE -> "as it is";
            case BRIGHTNESS_2, BRIGHTNESS_4, BRIGHTNESS_8, BRIGHTNESS_16 ->
                    "with " + shift.key().substring("brightness".length()) + " added to every channel value (clamped to 255)";
            case CONTRAST_10 -> "with every channel value moved 10% of the way to the image's mean gray";
            case CONTRAST_30 -> "with every channel value moved 30% of the way to the image's mean gray";
            case WARM_CAST -> "with red +10 and blue -10 levels (clamped)";
            case RESOLUTION_80 -> "resampled to 80% of its width and height (area x 0.64)";
        };
    }

    private static String falseAlarmTable(EvaluationResults results) {
        StringBuilder t = new StringBuilder("| images per side | windows | calibrated: false alarms | 95% interval "
                + "| calibrated: p < alpha alone | reference check: false alarms | 95% interval "
                + "| mean drift score, calibrated / reference check |\n"
                + "|---:|---:|---:|---|---:|---:|---|---|\n");
        double alpha = results.plan().alpha();
        for (int size : results.sizes()) {
            CellResult cell = results.noDrift(size);
            Proportion c = cell.alarms(Rule.CALIBRATED);
            Proportion r = cell.alarms(Rule.REFERENCE_CHECK);
            t.append(String.format(Locale.ROOT, "| %,d | %,d | **%s** (%d) | %s-%s | %s | %s (%d) | %s-%s | %.3f / %.3f |%n",
                    size, c.trials(), Format.percent(c.rate()), c.count(), Format.percent(c.lower()),
                    Format.percent(c.upper()), Format.percent(cell.significant(alpha).rate()), Format.percent(r.rate()),
                    r.count(), Format.percent(r.lower()), Format.percent(r.upper()), cell.meanScore(Rule.CALIBRATED),
                    cell.meanScore(Rule.REFERENCE_CHECK)));
        }
        return t.toString().stripTrailing();
    }

    private static String pValueTable(EvaluationResults results) {
        double[] levels = {0.001, 0.01, 0.05, 0.1, 0.5};
        StringBuilder t = new StringBuilder("| images per side |");
        for (double l : levels) t.append(" P(p <= ").append(Format.number(l)).append(") |");
        t.append("\n|---:|");
        for (int i = 0; i < levels.length; i++) t.append("---:|");
        t.append('\n');
        for (int size : results.sizes()) {
            double[] p = results.noDrift(size).pValues();
            t.append(String.format(Locale.ROOT, "| %,d |", size));
            for (double l : levels) {
                int below = 0;
                for (double v : p) if (v <= l) below++;
                t.append(' ').append(Format.percent((double) below / p.length)).append(" |");
            }
            t.append('\n');
        }
        return t.toString().stripTrailing();
    }

    private static String powerTable(EvaluationResults results) {
        StringBuilder t = header(results, "share of windows called DRIFT: calibrated / reference check");
        t.append(row(results, "No drift (false alarms)", size -> results.noDrift(size), false));
        for (Scenario s : results.driftScenarios()) t.append(row(results, s.label(), size -> results.cell(s, size), true));
        return t.toString().stripTrailing();
    }

    private static String scoreTable(EvaluationResults results) {
        StringBuilder t = header(results, "mean drift score: calibrated / reference check");
        IntFunction<String> none = size -> {
            CellResult c = results.noDrift(size);
            return String.format(Locale.ROOT, "%.3f / %.3f", c.meanScore(Rule.CALIBRATED), c.meanScore(Rule.REFERENCE_CHECK));
        };
        t.append("| No drift |");
        for (int size : results.sizes()) t.append(' ').append(none.apply(size)).append(" |");
        t.append('\n');
        for (Scenario s : results.driftScenarios()) {
            t.append("| ").append(s.label()).append(" |");
            for (int size : results.sizes()) {
                CellResult c = results.cell(s, size);
                t.append(String.format(Locale.ROOT, " %.3f / %.3f |", c.meanScore(Rule.CALIBRATED),
                        c.meanScore(Rule.REFERENCE_CHECK)));
            }
            t.append('\n');
        }
        return t.toString().stripTrailing();
    }

    /** Power of both rules with the calibrated rule's alpha moved to the reference check's no-drift rate. */
    private static String matchedTable(EvaluationResults results) {
        double floor = results.plan().minScore();
        StringBuilder t = header(results, "calibrated at the reference check's false-alarm rate / reference check");
        t.append("| matched alpha (no-drift rate: calibrated / reference check) |");
        MatchedFalseAlarms.Level[] levels = new MatchedFalseAlarms.Level[results.sizes().size()];
        for (int i = 0; i < levels.length; i++) {
            int size = results.sizes().get(i);
            double target = results.noDrift(size).alarms(Rule.REFERENCE_CHECK).rate();
            levels[i] = MatchedFalseAlarms.match(results.noDrift(size), floor, target);
            t.append(String.format(Locale.ROOT, " %s (%s / %s) |", Format.alpha(levels[i].alpha()),
                    Format.percent(levels[i].falseAlarms().rate()), Format.percent(target)));
        }
        t.append('\n');
        for (Scenario s : results.driftScenarios()) {
            t.append("| ").append(s.label()).append(" |");
            for (int i = 0; i < levels.length; i++) {
                CellResult cell = results.cell(s, results.sizes().get(i));
                double cal = MatchedFalseAlarms.alarms(cell, levels[i].alpha(), floor).rate();
                double ref = cell.alarms(Rule.REFERENCE_CHECK).rate();
                String calText = cal > ref ? "**" + Format.percent(cal) + "**" : Format.percent(cal);
                String refText = ref > cal ? "**" + Format.percent(ref) + "**" : Format.percent(ref);
                t.append(' ').append(calText).append(" / ").append(refText).append(" |");
            }
            t.append('\n');
        }
        return t.toString().stripTrailing();
    }

    /**
     * Every rule at one measured no-drift rate, alpha: the calibrated rule's alpha, the reference
     * check's threshold and the KS + Bonferroni rule's level each moved (on the same no-drift
     * trials) to the most permissive setting whose no-drift rate stays at or below alpha.
     */
    private static String matchedAtAlphaTable(EvaluationResults results) {
        double floor = results.plan().minScore();
        double target = results.plan().alpha();
        int n = results.sizes().size();
        MatchedFalseAlarms.Level[] cal = new MatchedFalseAlarms.Level[n];
        double[] threshold = new double[n];
        double[] ks = new double[n];
        StringBuilder t = header(results, "at most " + Format.percent(target)
                + " no-drift alarms: calibrated / reference check / KS + Bonferroni");
        t.append("| setting (no-drift rate) |");
        for (int i = 0; i < n; i++) {
            CellResult noDrift = results.noDrift(results.sizes().get(i));
            cal[i] = MatchedFalseAlarms.match(noDrift, floor, target);
            threshold[i] = MatchedFalseAlarms.referenceThreshold(noDrift, floor, target);
            ks[i] = MatchedFalseAlarms.ksLevel(noDrift, target);
            t.append(String.format(Locale.ROOT, " alpha %s (%s) / threshold %.3f (%s) / level %s (%s) |",
                    Format.alpha(cal[i].alpha()), Format.percent(cal[i].falseAlarms().rate()), threshold[i],
                    Format.percent(MatchedFalseAlarms.referenceAlarms(noDrift, threshold[i]).rate()), Format.alpha(ks[i]),
                    Format.percent(MatchedFalseAlarms.ksAlarms(noDrift, ks[i]).rate())));
        }
        t.append('\n');
        for (Scenario s : results.driftScenarios()) {
            t.append("| ").append(s.label()).append(" |");
            for (int i = 0; i < n; i++) {
                CellResult cell = results.cell(s, results.sizes().get(i));
                double[] rates = {MatchedFalseAlarms.alarms(cell, cal[i].alpha(), floor).rate(),
                        MatchedFalseAlarms.referenceAlarms(cell, threshold[i]).rate(),
                        MatchedFalseAlarms.ksAlarms(cell, ks[i]).rate()};
                double best = Math.max(rates[0], Math.max(rates[1], rates[2]));
                StringBuilder c = new StringBuilder();
                for (int r = 0; r < rates.length; r++) {
                    String text = Format.percent(rates[r]);
                    c.append(r == 0 ? " " : " / ").append(rates[r] == best && best > 0 ? "**" + text + "**" : text);
                }
                t.append(c).append(" |");
            }
            t.append('\n');
        }
        return t.toString().stripTrailing();
    }

    private static StringBuilder header(EvaluationResults results, String what) {
        StringBuilder t = new StringBuilder("| " + what + " |");
        for (int size : results.sizes()) t.append(String.format(Locale.ROOT, " %,d |", size));
        t.append("\n|---|");
        for (int i = 0; i < results.sizes().size(); i++) t.append("---:|");
        t.append('\n');
        return t;
    }

    private static String row(EvaluationResults results, String label, IntFunction<CellResult> cell,
                              boolean boldWinner) {
        StringBuilder t = new StringBuilder("| " + label + " |");
        for (int size : results.sizes()) {
            CellResult c = cell.apply(size);
            double cal = c.alarms(Rule.CALIBRATED).rate();
            double ref = c.alarms(Rule.REFERENCE_CHECK).rate();
            String calText = Format.percent(cal);
            String refText = Format.percent(ref);
            if (boldWinner && cal > ref) calText = "**" + calText + "**";
            if (boldWinner && ref > cal) refText = "**" + refText + "**";
            t.append(' ').append(calText).append(" / ").append(refText).append(" |");
        }
        return t.append('\n').toString();
    }

    /** Long-run alert rates under the default hysteresis, at the measured and at nominal per-window rates. */
    private static String alertTable(EvaluationResults results) {
        AlertPolicy policy = AlertPolicy.defaults();
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "| per-window DRIFT rate q | source | DRIFT windows a day (%d q) | alerts a day (%d of last %d) "
                        + "| mean time between false alerts |%n|---:|---|---:|---:|---:|%n",
                WINDOWS_PER_DAY, policy.fireAfter(), policy.outOf()));
        for (double a : NOMINAL_ALPHAS) {
            t.append(alertRow(policy, a, "alpha = " + Format.number(a) + " exactly (nominal)"));
        }
        for (int size : results.sizes()) {
            double q = results.noDrift(size).alarms(Rule.CALIBRATED).rate();
            t.append(alertRow(policy, q, String.format(Locale.ROOT, "calibrated rule, measured at %,d per side", size)));
        }
        for (int size : results.sizes()) {
            double q = results.noDrift(size).alarms(Rule.REFERENCE_CHECK).rate();
            t.append(alertRow(policy, q, String.format(Locale.ROOT, "reference check's rule, measured at %,d per side", size)));
        }
        return t.toString().stripTrailing();
    }

    /** One sentence: false alerts at alpha exactly and at the calibrated rule's measured rates. */
    private static String alertSummary(EvaluationResults results) {
        AlertPolicy policy = AlertPolicy.defaults();
        double alpha = results.plan().alpha();
        double atAlpha = WINDOWS_PER_DAY * AlertRates.firingsPerWindow(policy, alpha);
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (int size : results.sizes()) {
            double q = results.noDrift(size).alarms(Rule.CALIBRATED).rate();
            low = Math.min(low, q);
            high = Math.max(high, q);
        }
        double fewest = WINDOWS_PER_DAY * AlertRates.firingsPerWindow(policy, low);
        double most = WINDOWS_PER_DAY * AlertRates.firingsPerWindow(policy, high);
        return String.format(Locale.ROOT, "A per-window rate of exactly alpha = %s gives %.3f false alerts a day per "
                        + "stream (one every %s); the calibrated rule's measured no-drift rates (%s to %s, by window "
                        + "size) give one every %s to %s.", Format.number(alpha), atAlpha,
                Format.days(1 / atAlpha), Format.percent(low), Format.percent(high),
                Format.days(most == 0 ? Double.POSITIVE_INFINITY : 1 / most),
                Format.days(fewest == 0 ? Double.POSITIVE_INFINITY : 1 / fewest));
    }

    private static String alertRow(AlertPolicy policy, double q, String source) {
        double perWindow = AlertRates.firingsPerWindow(policy, q);
        double perDay = WINDOWS_PER_DAY * perWindow;
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %s |%n", Format.percent(q), source,
                WINDOWS_PER_DAY * q, perDay < 0.01 ? String.format(Locale.ROOT, "%.4f", perDay)
                        : String.format(Locale.ROOT, "%.2f", perDay), Format.days(perDay == 0 ? Double.POSITIVE_INFINITY : 1 / perDay));
    }

    private static String sizes(List<Integer> sizes) {
        List<String> s = new ArrayList<>();
        for (int size : sizes) s.add(String.format(Locale.ROOT, "%,d", size));
        return String.join(", ", s);
    }
}
