package dev.imagedrift.report;

import dev.imagedrift.detect.DetectionMode;
import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.DriftStatus;
import dev.imagedrift.detect.Exemplar;
import dev.imagedrift.detect.PropertyImportance;
import dev.imagedrift.detect.Samples;
import dev.imagedrift.detect.UnivariateDrift;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A check's result as one self-contained HTML file (no scripts, no external resources): the
 * verdict, the drift score on a banded bar, the numbers, property importance, distributions of the
 * top three properties, the univariate table, and thumbnails of the exemplar images. All text from
 * the result and the sources is escaped.
 */
public final class HtmlReport {
    static final int PLOTTED_PROPERTIES = 3;
    static final int THUMBNAIL_SIZE = 160;

    private HtmlReport() {}

    public static void write(CheckReport report, Path file) throws IOException {
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
    }

    public static String render(CheckReport report) {
        DriftResult r = report.result();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Image dataset drift: ").append(Condition.verdict(report.status())).append("</title>\n")
                .append("<style>").append(HtmlStyle.CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header(h, report);
        verdict(h, report);
        numbers(h, report);
        importanceAndDistributions(h, report);
        univariate(h, r);
        exemplars(h, report);
        if (report.embedding() != null) {
            embedding(h, report);
        }
        details(h, report);
        h.append("<footer>image-drift-monitor &middot; ").append(JsonReport.REPORT_NAME).append(" v")
                .append(JsonReport.REPORT_VERSION).append("</footer>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, CheckReport report) {
        h.append("<header><h1>Image dataset drift</h1><p class=\"sub\">")
                .append("<span class=\"swatch ref\"></span>reference <code>")
                .append(Html.escape(report.reference().source())).append("</code> &nbsp;vs&nbsp; ")
                .append("<span class=\"swatch cur\"></span>current <code>")
                .append(Html.escape(report.current().source())).append("</code><br>")
                .append("checked ").append(Html.escape(report.generatedAt().toString())).append("</p></header>\n");
    }

    private static String statusClass(DriftStatus status) {
        return switch (status) {
            case DRIFT -> "drift";
            case OK -> "ok";
            case INSUFFICIENT_DATA -> "insufficient";
        };
    }

    private static String statusColour(DriftStatus status) {
        return switch (status) {
            case DRIFT -> "#b3261e";
            case OK -> "#1e7d45";
            case INSUFFICIENT_DATA -> "#8a6a00";
        };
    }

    private static void verdict(StringBuilder h, CheckReport report) {
        DriftResult r = report.result();
        String outcome = Condition.outcome(r);
        EmbeddingReport e = report.embedding();
        h.append("<section class=\"card verdict ").append(statusClass(report.status())).append("\">")
                .append("<div class=\"badge\">").append(Condition.verdict(report.status())).append("</div>")
                .append("<div class=\"verdict-text\"><p class=\"condition\">")
                .append(e == null ? "Condition" : "Properties").append(" <strong>")
                .append(r.status() == DriftStatus.DRIFT ? "failed" : "passed").append("</strong>")
                .append(withMathSigns(Html.escape(outcome.substring(outcome.indexOf(':'))))).append("</p>");
        if (e != null) {
            String embeddingOutcome = Condition.outcome(e.result());
            h.append("<p class=\"condition\">Embeddings <strong>")
                    .append(e.result().status() == DriftStatus.DRIFT ? "failed" : "passed").append("</strong>")
                    .append(withMathSigns(Html.escape(embeddingOutcome.substring(embeddingOutcome.indexOf(':')))))
                    .append("</p><p class=\"rule\">Decision: ").append(Html.escape(Condition.combinedRule(e.combined())))
                    .append("; combined p-value ").append(Numbers.pValue(e.combined().pValue())).append(".</p>");
        }
        h.append("<p class=\"reason\">").append(Html.escape(r.reason())).append("</p>")
                .append("<p class=\"rule\">").append(Html.escape(Condition.rule(r.settings()))).append("</p>")
                .append("</div></section>\n");

        double low = r.aucLower() == null ? Double.NaN : Math.max(0, 2 * r.aucLower() - 1);
        double high = r.aucUpper() == null ? Double.NaN : Math.max(0, 2 * r.aucUpper() - 1);
        h.append("<section class=\"card\"><h2>Drift score</h2>")
                .append(ScoreBarSvg.render(r.driftScore(), low, high, report.threshold(), statusColour(r.status())))
                .append("<p class=\"note\">Drift score = max(2&middot;AUC &minus; 1, 0): 0 when the classifier cannot"
                        + " tell the sides apart, 1 when it always can. Bands at 0.1, 0.2 and 0.3 as in the reference"
                        + " check.").append(Double.isFinite(low) && Double.isFinite(high)
                        ? " The whisker is the score's 95% interval." : "").append("</p></section>\n");
    }

    /** Escaped text with ASCII comparison signs turned into their proper glyphs. */
    private static String withMathSigns(String escaped) {
        return escaped.replace(" &gt;= ", " &ge; ").replace(" &lt;= ", " &le; ");
    }

    private static void numbers(StringBuilder h, CheckReport report) {
        DriftResult r = report.result();
        h.append("<section class=\"tiles\">");
        tile(h, "Drift score", Numbers.fixed(r.driftScore(), 3), "threshold " + Numbers.fixed(report.threshold(), 3));
        tile(h, "AUC", Numbers.fixed(r.auc(), 3), r.aucLower() != null && r.aucUpper() != null
                ? "95% CI " + Numbers.fixed(r.aucLower(), 3) + " &ndash; " + Numbers.fixed(r.aucUpper(), 3) : "no interval");
        String pNote = r.pValue() != null ? "alpha " + Numbers.plain(r.settings().alpha())
                : r.settings().mode() == DetectionMode.REFERENCE_CHECK ? "not computed in this mode" : "not computed";
        tile(h, "p-value", Numbers.pValue(r.pValue()), pNote);
        String nNote = r.status() == DriftStatus.INSUFFICIENT_DATA
                ? "samples (" + r.settings().minSamples() + " needed)" : "samples compared";
        tile(h, "Reference", Numbers.count(r.nReference()), unitsNote(nNote, r.unitsReference(), r.nReference()));
        tile(h, "Current", Numbers.count(r.nCurrent()), unitsNote(nNote, r.unitsCurrent(), r.nCurrent()));
        h.append("</section>\n");
    }

    /** "samples compared" or, when bursts were grouped, "12 independent (near-duplicates counted once)". */
    private static String unitsNote(String samplesNote, Integer units, int samples) {
        if (units == null) return samplesNote;
        if (units == samples) return samplesNote + ", all independent";
        return Numbers.count(units) + " independent (near-duplicates counted once)";
    }

    /** A number tile; {@code note} is trusted markup made here, never user text. */
    private static void tile(StringBuilder h, String label, String value, String note) {
        h.append("<div class=\"tile\"><div class=\"tile-label\">").append(Html.escape(label))
                .append("</div><div class=\"tile-value\">").append(Html.escape(value))
                .append("</div><div class=\"tile-note\">").append(note).append("</div></div>");
    }

    private static void importanceAndDistributions(StringBuilder h, CheckReport report) {
        DriftResult r = report.result();
        h.append("<section class=\"card\"><h2>Which properties differ</h2><p class=\"note\">Importance: ")
                .append(Html.escape(Condition.importanceMeaning(r.settings().mode()))).append(".</p>");
        if (r.importance().isEmpty()) {
            h.append("<p class=\"note\">Not computed.</p>");
        } else {
            double max = r.importance().stream().mapToDouble(PropertyImportance::importance)
                    .filter(Double::isFinite).max().orElse(0);
            h.append("<div class=\"bars\">");
            for (PropertyImportance p : r.importance()) {
                double share = max > 0 && Double.isFinite(p.importance()) ? Math.max(0, p.importance()) / max : 0;
                h.append("<div class=\"bar-name\">").append(Html.escape(p.property())).append("</div>")
                        .append("<div class=\"bar-track\"><div class=\"bar-fill\" style=\"width:")
                        .append(String.format(Locale.ROOT, "%.1f", 100 * share)).append("%\"></div></div>")
                        .append("<div class=\"bar-value\">").append(Numbers.fixed(p.importance(), 3)).append("</div>");
            }
            h.append("</div>");
        }
        List<String> plotted = plottedProperties(r);
        if (!plotted.isEmpty()) {
            h.append("<h3>Distributions of the top ").append(plotted.size() == 1 ? "property" : plotted.size()
                    + " properties").append("</h3><p class=\"legend\"><span class=\"swatch ref\"></span>reference")
                    .append(" &nbsp; <span class=\"swatch cur\"></span>current &nbsp; (share of each side's images per bin)</p>")
                    .append("<div class=\"plots\">");
            for (String property : plotted) {
                distribution(h, property, report, r);
            }
            h.append("</div>");
        }
        h.append("</section>\n");
    }

    private static void distribution(StringBuilder h, String property, CheckReport report, DriftResult r) {
        double[] ref = column(report.reference().samples(), property);
        double[] cur = column(report.current().samples(), property);
        Optional<UnivariateDrift> u = r.univariate().stream().filter(x -> x.property().equals(property)).findFirst();
        h.append("<figure><figcaption><strong>").append(Html.escape(property)).append("</strong>");
        u.ifPresent(x -> h.append("<span class=\"stat\">KS ").append(Numbers.fixed(x.ks(), 3))
                .append(" (p ").append(Numbers.pValue(x.ksPValue())).append("), EMD ")
                .append(Numbers.fixed(x.emd(), 3)).append("</span>"));
        h.append("</figcaption>").append(DistributionPlotSvg.render(property, ref, cur));
        long refMissing = ref.length - java.util.Arrays.stream(ref).filter(Double::isFinite).count();
        long curMissing = cur.length - java.util.Arrays.stream(cur).filter(Double::isFinite).count();
        if (refMissing + curMissing > 0) {
            h.append("<p class=\"note\">No value (grayscale or not applicable): ").append(refMissing)
                    .append(" of ").append(ref.length).append(" reference, ").append(curMissing).append(" of ")
                    .append(cur.length).append(" current.</p>");
        }
        h.append("</figure>");
    }

    /** The properties to plot: the most important first, then the largest KS, at most three. */
    static List<String> plottedProperties(DriftResult r) {
        Set<String> chosen = new LinkedHashSet<>();
        r.importance().stream()
                .filter(p -> Double.isFinite(p.importance()) && p.importance() > 0)
                .sorted(Comparator.comparingDouble(PropertyImportance::importance).reversed())
                .forEach(p -> chosen.add(p.property()));
        r.univariate().stream()
                .filter(u -> u.ks() != null && Double.isFinite(u.ks()))
                .sorted(Comparator.comparingDouble((UnivariateDrift u) -> u.ks()).reversed())
                .forEach(u -> chosen.add(u.property()));
        return chosen.stream().limit(PLOTTED_PROPERTIES).toList();
    }

    private static double[] column(Samples samples, String property) {
        int c = samples.propertyNames().indexOf(property);
        double[] out = new double[c < 0 ? 0 : samples.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = samples.rows()[i][c];
        }
        return out;
    }

    private static void univariate(StringBuilder h, DriftResult r) {
        h.append("<section class=\"card\"><h2>Each property on its own</h2><p class=\"note\">KS: the largest gap"
                + " between the two distribution functions (0 to 1), with its p-value. EMD: the reference check's"
                + " normalised earth mover's distance.</p>");
        if (r.univariate().isEmpty()) {
            h.append("<p class=\"note\">Not computed.</p></section>\n");
            return;
        }
        h.append("<table><thead><tr><th>Property</th><th class=\"num\">n reference</th><th class=\"num\">n current</th>"
                + "<th>KS</th><th class=\"num\">KS p-value</th><th class=\"num\">EMD</th></tr></thead><tbody>");
        for (UnivariateDrift u : r.univariate()) {
            double ks = u.ks() == null || !Double.isFinite(u.ks()) ? 0 : Math.max(0, Math.min(1, u.ks()));
            h.append("<tr><td>").append(Html.escape(u.property())).append("</td><td class=\"num\">")
                    .append(Numbers.count(u.nReference())).append("</td><td class=\"num\">")
                    .append(Numbers.count(u.nCurrent())).append("</td><td><span class=\"ks-bar\"><span style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", 100 * ks)).append("%\"></span></span> ")
                    .append(Numbers.fixed(u.ks(), 3)).append("</td><td class=\"num\">")
                    .append(Numbers.pValue(u.ksPValue())).append("</td><td class=\"num\">")
                    .append(Numbers.fixed(u.emd(), 3)).append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void exemplars(StringBuilder h, CheckReport report) {
        DriftResult r = report.result();
        h.append("<section class=\"card\"><h2>Example images</h2><p class=\"note\">Picked by the domain classifier;"
                + " the score is its probability that an image belongs to the current side.</p><div class=\"two\">");
        exemplarColumn(h, "Current images least like the reference", "cur", r.exemplars().current(),
                report.current().thumbnails());
        exemplarColumn(h, "Reference images least like the current images", "ref", r.exemplars().reference(),
                report.reference().thumbnails());
        h.append("</div></section>\n");
    }

    private static void exemplarColumn(StringBuilder h, String title, String side, List<Exemplar> exemplars,
                                       ThumbnailSource thumbnails) {
        h.append("<div><h3><span class=\"swatch ").append(side).append("\"></span>").append(Html.escape(title))
                .append("</h3>");
        if (exemplars.isEmpty()) {
            h.append("<p class=\"note\">None reported.</p></div>");
            return;
        }
        h.append("<div class=\"thumbs\">");
        for (Exemplar e : exemplars) {
            Optional<String> uri = thumbnails.locate(e.id()).flatMap(f -> Thumbnails.dataUri(f, THUMBNAIL_SIZE));
            h.append("<figure class=\"thumb\">");
            if (uri.isPresent()) {
                h.append("<img src=\"").append(uri.get()).append("\" alt=\"").append(Html.escape(e.id())).append("\">");
            } else {
                h.append("<div class=\"no-image\">image file not available</div>");
            }
            h.append("<figcaption><span class=\"id\" title=\"").append(Html.escape(e.id())).append("\">")
                    .append(Html.escape(e.id())).append("</span><span class=\"stat\">score ")
                    .append(Numbers.fixed(e.score(), 3)).append("</span></figcaption></figure>");
        }
        h.append("</div></div>");
    }

    /** The embedding test: score bar, numbers, the components that separate the sides, exemplar images. */
    private static void embedding(StringBuilder h, CheckReport report) {
        EmbeddingReport e = report.embedding();
        DriftResult r = e.result();
        double low = r.aucLower() == null ? Double.NaN : Math.max(0, 2 * r.aucLower() - 1);
        double high = r.aucUpper() == null ? Double.NaN : Math.max(0, 2 * r.aucUpper() - 1);
        h.append("<section class=\"card\"><h2>Embedding drift: ").append(Condition.verdict(r.status()))
                .append("</h2><p class=\"note\">The same classifier test on the images' embeddings (model <code>")
                .append(Html.escape(e.model())).append("</code>, dimension ").append(e.dimension()).append("), reduced to ")
                .append(e.components()).append(" principal components fitted on the reference alone (")
                .append(Numbers.fixed(100 * e.varianceShare(), 1)).append("% of its variance).</p>")
                .append(ScoreBarSvg.render(r.driftScore(), low, high, report.threshold(), statusColour(r.status())))
                .append("<p class=\"reason\">").append(Html.escape(r.reason())).append("</p>");
        h.append("<div class=\"tiles\">");
        tile(h, "Drift score", Numbers.fixed(r.driftScore(), 3), "threshold " + Numbers.fixed(report.threshold(), 3));
        tile(h, "AUC", Numbers.fixed(r.auc(), 3), r.aucLower() != null && r.aucUpper() != null
                ? "95% CI " + Numbers.fixed(r.aucLower(), 3) + " &ndash; " + Numbers.fixed(r.aucUpper(), 3) : "no interval");
        tile(h, "p-value", Numbers.pValue(r.pValue()), r.pValue() != null
                ? "alpha " + Numbers.plain(r.settings().alpha()) + " for this test" : "not computed");
        tile(h, "Reference", Numbers.count(r.nReference()), "with an embedding");
        tile(h, "Current", Numbers.count(r.nCurrent()), "with an embedding");
        h.append("</div><h3>Components that separate the sides</h3>");
        if (r.importance().isEmpty()) {
            h.append("<p class=\"note\">Not computed.</p>");
        } else {
            double max = r.importance().stream().mapToDouble(PropertyImportance::importance)
                    .filter(Double::isFinite).max().orElse(0);
            h.append("<div class=\"bars\">");
            for (PropertyImportance p : r.importance().subList(0, Math.min(8, r.importance().size()))) {
                double share = max > 0 && Double.isFinite(p.importance()) ? Math.max(0, p.importance()) / max : 0;
                h.append("<div class=\"bar-name\">").append(Html.escape(p.property())).append("</div>")
                        .append("<div class=\"bar-track\"><div class=\"bar-fill\" style=\"width:")
                        .append(String.format(Locale.ROOT, "%.1f", 100 * share)).append("%\"></div></div>")
                        .append("<div class=\"bar-value\">").append(Numbers.fixed(p.importance(), 3)).append("</div>");
            }
            h.append("</div>");
        }
        h.append("<div class=\"two\">");
        exemplarColumn(h, "Current images least like the reference (embeddings)", "cur", r.exemplars().current(),
                report.current().thumbnails());
        exemplarColumn(h, "Reference images least like the current images (embeddings)", "ref",
                r.exemplars().reference(), report.reference().thumbnails());
        h.append("</div></section>\n");
    }

    private static void details(StringBuilder h, CheckReport report) {
        DetectorSettings s = report.result().settings();
        h.append("<section class=\"card\"><h2>Details</h2><div class=\"two\"><div><h3>Sources</h3>");
        sourceTable(h, "Reference", report.reference());
        sourceTable(h, "Current", report.current());
        h.append("</div><div><h3>Settings</h3><table class=\"kv\">");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"mode", s.mode().name()});
        rows.add(new String[] {"folds", Integer.toString(s.folds())});
        rows.add(new String[] {"trees / max depth", s.trees() + " / " + s.maxDepth()});
        rows.add(new String[] {"learning rate", Double.toString(s.learningRate())});
        rows.add(new String[] {"min leaf size", Integer.toString(s.minLeafSize())});
        rows.add(new String[] {"alpha", Double.toString(s.alpha())});
        rows.add(new String[] {"min score (threshold)", Double.toString(s.minScore())});
        rows.add(new String[] {"min samples per side", Integer.toString(s.minSamples())});
        rows.add(new String[] {"importance repeats", Integer.toString(s.importanceRepeats())});
        rows.add(new String[] {"exemplars per side", Integer.toString(s.exemplars())});
        rows.add(new String[] {"seed", Long.toString(s.seed())});
        for (String[] row : rows) {
            h.append("<tr><th>").append(Html.escape(row[0])).append("</th><td>").append(Html.escape(row[1]))
                    .append("</td></tr>");
        }
        h.append("</table></div></div></section>\n");
    }

    private static void sourceTable(StringBuilder h, String label, ReportSide side) {
        Map<String, Integer> skipped = side.skippedByReason();
        String skippedText = skipped.isEmpty() ? "none" : side.imagesSkipped() + " (" + skipped.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")";
        h.append("<table class=\"kv\"><tr><th colspan=\"2\" class=\"kv-title\">").append(Html.escape(label))
                .append("</th></tr><tr><th>source</th><td><code>").append(Html.escape(side.source()))
                .append("</code></td></tr>");
        if (side.snapshotVersion() != null) {
            h.append("<tr><th>snapshot version</th><td><code>").append(Html.escape(side.snapshotVersion()))
                    .append("</code></td></tr>");
        }
        h.append("<tr><th>images read</th><td>").append(Numbers.count(side.imagesRead())).append("</td></tr>")
                .append("<tr><th>skipped</th><td>").append(Html.escape(skippedText)).append("</td></tr>")
                .append("<tr><th>in the sample</th><td>").append(Numbers.count(side.samples().size()))
                .append("</td></tr><tr><th>properties mode</th><td>")
                .append(Html.escape(side.measuredWith().mode().code()))
                .append("</td></tr><tr><th>decoder</th><td>").append(Html.escape(side.decoder()))
                .append("</td></tr></table>");
    }
}
