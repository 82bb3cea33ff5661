package dev.imagedrift.report;

import dev.imagedrift.detect.DetectionMode;
import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.DriftStatus;

import java.util.ArrayList;
import java.util.List;

/** The condition of a check in words: the verdict, the rule, and how the numbers met the rule. */
final class Condition {
    private Condition() {}

    /** "DRIFT", "NO DRIFT" or "NOT ENOUGH DATA". */
    static String verdict(DriftStatus status) {
        return switch (status) {
            case DRIFT -> "DRIFT";
            case OK -> "NO DRIFT";
            case INSUFFICIENT_DATA -> "NOT ENOUGH DATA";
        };
    }

    /** The decision rule in force, in words, with its numbers. */
    static String rule(DetectorSettings s) {
        String insufficient = " Fewer than " + s.minSamples() + " samples on either side: nothing is compared"
                + " and the condition passes.";
        if (s.mode() == DetectionMode.REFERENCE_CHECK) {
            return "Passes when the drift score is below the threshold " + Numbers.fixed(s.minScore(), 3)
                    + " (the reference check's rule: one stratified 70/30 split, drift score = max(2*AUC - 1, 0)"
                    + " on the held-out part)." + insufficient;
        }
        return "Fails only when the domain classifier separates the two sides significantly (p-value below alpha "
                + Numbers.plain(s.alpha()) + ", from out-of-fold scores over " + s.folds() + " folds) and the"
                + " drift score, max(2*AUC - 1, 0), reaches the effect-size floor " + Numbers.fixed(s.minScore(), 3)
                + "." + insufficient;
    }

    /** "passed" or "failed", then how the numbers compare with the rule, e.g. "failed: drift score 0.412 >= threshold 0.100". */
    static String outcome(DriftResult r) {
        String verdict = r.status() == DriftStatus.DRIFT ? "failed" : "passed";
        DetectorSettings s = r.settings();
        if (r.status() == DriftStatus.INSUFFICIENT_DATA) {
            return verdict + ": not compared, " + r.nReference() + " reference and " + r.nCurrent()
                    + " current samples (at least " + s.minSamples() + " needed on each side)";
        }
        List<String> parts = new ArrayList<>();
        if (s.mode() == DetectionMode.CALIBRATED && r.pValue() != null) {
            parts.add("p-value " + Numbers.pValue(r.pValue()) + (r.pValue() < s.alpha() ? " < " : " >= ")
                    + "alpha " + Numbers.plain(s.alpha()));
        }
        String threshold = s.mode() == DetectionMode.CALIBRATED ? "effect-size floor " : "threshold ";
        parts.add("drift score " + Numbers.fixed(r.driftScore(), 3) + (r.driftScore() >= s.minScore() ? " >= " : " < ")
                + threshold + Numbers.fixed(s.minScore(), 3));
        return verdict + ": " + String.join(" and ", parts);
    }

    /** How the two tests make one decision, in words. */
    static String combinedRule(dev.imagedrift.detect.CombinedResult c) {
        DetectorSettings s = c.properties().settings();
        if (s.mode() == DetectionMode.REFERENCE_CHECK) {
            return "drift when either test's drift score reaches the threshold (no p-values in this mode)";
        }
        return "drift when either test fails, each at alpha " + Numbers.plain(c.alpha()) + " / " + c.tests()
                + " = " + Numbers.plain(s.alpha()) + " (Bonferroni: at most alpha " + Numbers.plain(c.alpha())
                + " false alarms for both together, whatever their dependence)";
    }

    /** What the importance numbers mean in this mode. */
    static String importanceMeaning(DetectionMode mode) {
        return mode == DetectionMode.CALIBRATED
                ? "drop of the out-of-fold AUC when the property is shuffled (0 = not used)"
                : "share of the accuracy drop when the property is shuffled (sums to 1)";
    }
}
