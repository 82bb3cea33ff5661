package dev.imagedrift.report;

import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.Exemplar;
import dev.imagedrift.detect.PropertyImportance;
import dev.imagedrift.detect.UnivariateDrift;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A check's result as aligned plain text for a terminal (ASCII only). */
public final class TextReport {
    private static final int BAR_WIDTH = 30;
    private static final int LINE_WIDTH = 100;

    private TextReport() {}

    public static String render(CheckReport report) {
        DriftResult r = report.result();
        StringBuilder out = new StringBuilder();
        EmbeddingReport e = report.embedding();
        line(out, "Image dataset drift: %s", Condition.verdict(report.status()));
        if (e != null) {
            wrapped(out, "  Decision  ", Condition.combinedRule(e.combined()));
            line(out, "  %-9s %s", "Combined", "p-value " + Numbers.pValue(e.combined().pValue()));
            line(out, "  Properties %s", Condition.outcome(r));
            line(out, "  Embeddings %s", Condition.outcome(e.result()));
        } else {
            line(out, "  Condition %s", Condition.outcome(r));
        }
        wrapped(out, "  Reason    ", r.reason());
        out.append('\n');

        line(out, "  %-12s %s", "Drift score", Numbers.fixed(r.driftScore(), 3)
                + "   (max(2*AUC - 1, 0); threshold " + Numbers.fixed(report.threshold(), 3) + ")");
        String ci = r.aucLower() != null && r.aucUpper() != null
                ? "   95% CI " + Numbers.fixed(r.aucLower(), 3) + " to " + Numbers.fixed(r.aucUpper(), 3) : "";
        line(out, "  %-12s %s%s", "AUC", Numbers.fixed(r.auc(), 3), ci);
        if (r.pValue() != null) {
            line(out, "  %-12s %s", "p-value", Numbers.pValue(r.pValue()));
        }
        line(out, "  %-12s reference %d, current %d", "Samples", r.nReference(), r.nCurrent());
        if (r.unitsReference() != null && r.unitsCurrent() != null) {
            line(out, "  %-12s reference %d, current %d   (near-duplicate bursts counted once)", "Independent",
                    r.unitsReference(), r.unitsCurrent());
        }
        wrapped(out, "  " + String.format(Locale.ROOT, "%-12s ", "Rule"), Condition.rule(r.settings()));
        out.append('\n');

        line(out, "Sources");
        side(out, "reference", report.reference());
        side(out, "current", report.current());
        out.append('\n');

        importance(out, r);
        univariate(out, r.univariate());
        exemplars(out, r);
        if (e != null) {
            embedding(out, e);
        }
        settings(out, r.settings());
        line(out, "Generated %s", report.generatedAt());
        return out.toString();
    }

    /** The embedding test: its numbers, the components that separate the sides, its exemplars. */
    private static void embedding(StringBuilder out, EmbeddingReport e) {
        DriftResult r = e.result();
        line(out, "Embedding drift: %s (model %s, dimension %d; %d principal components of the reference hold %s%% "
                + "of its variance)", Condition.verdict(r.status()), e.model(), e.dimension(), e.components(),
                Numbers.fixed(100 * e.varianceShare(), 1));
        wrapped(out, "  Reason       ", r.reason());
        line(out, "  %-12s %s", "Drift score", Numbers.fixed(r.driftScore(), 3));
        String ci = r.aucLower() != null && r.aucUpper() != null
                ? "   95% CI " + Numbers.fixed(r.aucLower(), 3) + " to " + Numbers.fixed(r.aucUpper(), 3) : "";
        line(out, "  %-12s %s%s", "AUC", Numbers.fixed(r.auc(), 3), ci);
        if (r.pValue() != null) {
            line(out, "  %-12s %s (alpha %s for this test)", "p-value", Numbers.pValue(r.pValue()),
                    Numbers.plain(r.settings().alpha()));
        }
        line(out, "  %-12s reference %d, current %d (images with an embedding)", "Samples", r.nReference(),
                r.nCurrent());
        out.append('\n');
        line(out, "Components that separate the sides: %s", Condition.importanceMeaning(r.settings().mode())
                .replace("property", "component"));
        List<PropertyImportance> list = r.importance();
        if (list.isEmpty()) {
            line(out, "  (not computed)");
        }
        double max = list.stream().mapToDouble(PropertyImportance::importance).filter(Double::isFinite).max().orElse(0);
        for (PropertyImportance p : list.subList(0, Math.min(5, list.size()))) {
            int bar = max > 0 && Double.isFinite(p.importance())
                    ? (int) Math.round(BAR_WIDTH * Math.max(0, p.importance()) / max) : 0;
            line(out, "  %-8s  %7s  %s", p.property(), Numbers.fixed(p.importance(), 4), "#".repeat(bar));
        }
        out.append('\n');
        line(out, "Embedding exemplars (classifier score = probability of \"current\")");
        exemplarList(out, "Current images least like the reference", r.exemplars().current());
        exemplarList(out, "Reference images least like the current images", r.exemplars().reference());
        out.append('\n');
    }

    private static void side(StringBuilder out, String label, ReportSide side) {
        line(out, "  %-10s %s%s", label, side.source(),
                side.snapshotVersion() == null ? "" : "  (snapshot " + side.snapshotVersion() + ")");
        String skipped = side.imagesSkipped() == 0 ? "none skipped"
                : side.imagesSkipped() + " skipped (" + side.skippedByReason().entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")";
        line(out, "  %-10s images read %s, %s; %d in the sample", "", Numbers.count(side.imagesRead()), skipped,
                side.samples().size());
        line(out, "  %-10s measured in %s mode, JPEG decoder %s", "", side.measuredWith().mode().code(),
                side.decoder());
    }

    private static void importance(StringBuilder out, DriftResult r) {
        line(out, "Property importance: %s", Condition.importanceMeaning(r.settings().mode()));
        List<PropertyImportance> list = r.importance();
        if (list.isEmpty()) {
            line(out, "  (not computed)");
        }
        int width = nameWidth(list.stream().map(PropertyImportance::property).toList());
        double max = list.stream().mapToDouble(PropertyImportance::importance).filter(Double::isFinite)
                .max().orElse(0);
        for (PropertyImportance p : list) {
            int bar = max > 0 && Double.isFinite(p.importance())
                    ? (int) Math.round(BAR_WIDTH * Math.max(0, p.importance()) / max) : 0;
            line(out, "  %-" + width + "s  %7s  %s", p.property(), Numbers.fixed(p.importance(), 4), "#".repeat(bar));
        }
        out.append('\n');
    }

    private static void univariate(StringBuilder out, List<UnivariateDrift> list) {
        wrapped(out, "", "Univariate drift per property (KS = largest gap between the two distribution functions;"
                + " EMD = normalised earth mover's distance)");
        if (list.isEmpty()) {
            line(out, "  (not computed)");
            out.append('\n');
            return;
        }
        int width = nameWidth(list.stream().map(UnivariateDrift::property).toList());
        String format = "  %-" + width + "s  %7s  %7s  %6s  %10s  %6s";
        line(out, format, "Property", "n ref", "n cur", "KS", "KS p-value", "EMD");
        for (UnivariateDrift u : list) {
            line(out, format, u.property(), u.nReference(), u.nCurrent(), Numbers.fixed(u.ks(), 3),
                    Numbers.pValue(u.ksPValue()), Numbers.fixed(u.emd(), 3));
        }
        out.append('\n');
    }

    private static void exemplars(StringBuilder out, DriftResult r) {
        line(out, "Exemplars (classifier score = probability of \"current\")");
        exemplarList(out, "Current images least like the reference", r.exemplars().current());
        exemplarList(out, "Reference images least like the current images", r.exemplars().reference());
        out.append('\n');
    }

    private static void exemplarList(StringBuilder out, String title, List<Exemplar> list) {
        line(out, "  %s%s", title, list.isEmpty() ? ": none" : "");
        for (Exemplar e : list) {
            line(out, "    %6s  %s", Numbers.fixed(e.score(), 3), e.id());
        }
    }

    private static void settings(StringBuilder out, DetectorSettings s) {
        line(out, "Settings");
        line(out, "  mode %s, folds %d, trees %d, max depth %d, learning rate %s, min leaf size %d,",
                s.mode(), s.folds(), s.trees(), s.maxDepth(), trim(s.learningRate()), s.minLeafSize());
        line(out, "  alpha %s, min score %s, min samples %d, importance repeats %d, exemplars %d, seed %d",
                trim(s.alpha()), trim(s.minScore()), s.minSamples(), s.importanceRepeats(), s.exemplars(), s.seed());
        out.append('\n');
    }

    private static String trim(double v) {
        return Numbers.plain(v);
    }

    /** Text after a prefix, wrapped at word boundaries, continuation lines indented under the text. */
    private static void wrapped(StringBuilder out, String prefix, String text) {
        String indent = " ".repeat(prefix.length());
        StringBuilder current = new StringBuilder(prefix);
        boolean empty = true;
        for (String word : String.valueOf(text).split(" ")) {
            if (!empty && current.length() + 1 + word.length() > LINE_WIDTH) {
                out.append(current).append('\n');
                current = new StringBuilder(indent);
                empty = true;
            }
            if (!empty) {
                current.append(' ');
            }
            current.append(word);
            empty = false;
        }
        out.append(current).append('\n');
    }

    private static int nameWidth(List<String> names) {
        return Math.max(8, names.stream().mapToInt(String::length).max().orElse(0));
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
