package dev.imagedrift.tools.evaluation;

import java.util.List;

/**
 * One goal of the evaluation and what the measurements say about it.
 *
 * @param statement what was to be shown
 * @param verdict   whether the measured point estimates meet it, or whether the run measured it at all
 * @param summary   one sentence with the deciding numbers
 * @param details   per-cell evidence, most of all for every cell that misses
 */
public record Goal(String statement, Verdict verdict, String summary, List<String> details) {
    /** Met, not met, or not measured (the run's window sizes or scenarios do not cover it). */
    public enum Verdict {
        MET("met", "**yes**"), NOT_MET("not met", "**no**"), NOT_MEASURED("not measured", "not measured");

        private final String text;
        private final String cell;

        Verdict(String text, String cell) {
            this.text = text;
            this.cell = cell;
        }

        /** As in a sentence: "met", "not met", "not measured". */
        public String text() { return text; }

        /** As in the summary table. */
        String cell() { return cell; }

        static Verdict of(boolean met) { return met ? MET : NOT_MET; }
    }

    public Goal {
        details = List.copyOf(details);
    }

    public boolean met() { return verdict == Verdict.MET; }
}
