package dev.imagedrift.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.Exemplar;
import dev.imagedrift.detect.PropertyImportance;
import dev.imagedrift.detect.UnivariateDrift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A check's result as JSON. Field names are stable (additions only, within a {@code reportVersion});
 * a number that was not computed (NaN, or null in the result) is {@code null}.
 *
 * <pre>
 * report          "imagedrift-check-report"
 * reportVersion   1
 * generatedAt     ISO-8601 instant
 * status          "OK" | "DRIFT" | "INSUFFICIENT_DATA"
 * passed          true unless status is DRIFT
 * condition       how the numbers met the rule, in words ("failed: drift score 0.412 &gt;= threshold 0.100")
 * rule            the decision rule in words
 * reason          the detector's one-sentence reason
 * driftScore      max(2*AUC - 1, 0)
 * threshold       the effect-size floor (CALIBRATED) or the threshold (REFERENCE_CHECK)
 * auc, aucLower, aucUpper, pValue
 * nReference, nCurrent            samples compared
 * unitsReference, unitsCurrent    independent units among them (bursts of near-duplicates counted once;
 *                                 null when not computed)
 * reference, current              {source, snapshotVersion, imagesRead, imagesSkipped,
 *                                  skippedByReason: {code: count}, samples,
 *                                  propertiesMode (exact|fast), decoder (turbojpeg|imageio|not recorded)}
 * importance      [{property, importance}], largest first
 * univariate      [{property, ks, ksPValue, emd, nReference, nCurrent}], in property order
 * exemplars       {current: [{id, score}], reference: [{id, score}]}
 * settings        {mode, folds, trees, maxDepth, learningRate, minLeafSize, alpha, minScore, minSamples,
 *                  importanceRepeats, exemplars, seed}
 * decision        only with embeddings: {rule: "bonferroni", tests: 2, alpha (family), pValue (combined),
 *                  properties: status, embedding: status}; the top-level status is then the combined one
 * embedding       only with embeddings: {model, dimension, components, varianceShare, status, condition,
 *                  reason, driftScore, auc, aucLower, aucUpper, pValue, alpha, nReference, nCurrent,
 *                  importance: [{component, importance}], univariate: [{component, ks, ksPValue, emd, ...}],
 *                  exemplars}
 * </pre>
 */
public final class JsonReport {
    public static final String REPORT_NAME = "imagedrift-check-report";
    public static final int REPORT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static String render(CheckReport report) {
        try {
            return MAPPER.writeValueAsString(toJson(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a tree of plain nodes always serialises", e);
        }
    }

    public static void write(CheckReport report, Path file) throws IOException {
        Files.writeString(file, render(report), StandardCharsets.UTF_8);
    }

    /** The report as a JSON tree (for embedding in other records). */
    public static ObjectNode toJson(CheckReport report) {
        DriftResult r = report.result();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("report", REPORT_NAME);
        root.put("reportVersion", REPORT_VERSION);
        root.put("generatedAt", report.generatedAt().toString());
        root.put("status", report.status().name());
        root.put("passed", report.passed());
        root.put("condition", Condition.outcome(r));
        root.put("rule", Condition.rule(r.settings()));
        root.put("reason", r.reason());
        number(root, "driftScore", r.driftScore());
        number(root, "threshold", report.threshold());
        number(root, "auc", r.auc());
        number(root, "aucLower", r.aucLower());
        number(root, "aucUpper", r.aucUpper());
        number(root, "pValue", r.pValue());
        root.put("nReference", r.nReference());
        root.put("nCurrent", r.nCurrent());
        if (r.unitsReference() != null) root.put("unitsReference", r.unitsReference());
        else root.putNull("unitsReference");
        if (r.unitsCurrent() != null) root.put("unitsCurrent", r.unitsCurrent());
        else root.putNull("unitsCurrent");
        root.set("reference", side(report.reference()));
        root.set("current", side(report.current()));

        ArrayNode importance = root.putArray("importance");
        for (PropertyImportance p : r.importance()) {
            ObjectNode o = importance.addObject();
            o.put("property", p.property());
            number(o, "importance", p.importance());
        }
        ArrayNode univariate = root.putArray("univariate");
        for (UnivariateDrift u : r.univariate()) {
            ObjectNode o = univariate.addObject();
            o.put("property", u.property());
            number(o, "ks", u.ks());
            number(o, "ksPValue", u.ksPValue());
            number(o, "emd", u.emd());
            o.put("nReference", u.nReference());
            o.put("nCurrent", u.nCurrent());
        }
        ObjectNode exemplars = root.putObject("exemplars");
        exemplars(exemplars.putArray("current"), r.exemplars().current());
        exemplars(exemplars.putArray("reference"), r.exemplars().reference());
        root.set("settings", settings(r.settings()));
        if (report.embedding() != null) {
            embedding(root, report.embedding());
        }
        return root;
    }

    private static void embedding(ObjectNode root, EmbeddingReport e) {
        DriftResult r = e.result();
        ObjectNode decision = root.putObject("decision");
        decision.put("rule", dev.imagedrift.detect.CombinedResult.RULE);
        decision.put("tests", e.combined().tests());
        number(decision, "alpha", e.combined().alpha());
        number(decision, "pValue", e.combined().pValue());
        decision.put("properties", report(e.combined().properties().status()));
        decision.put("embedding", report(r.status()));
        ObjectNode o = root.putObject("embedding");
        o.put("model", e.model());
        o.put("dimension", e.dimension());
        o.put("components", e.components());
        number(o, "varianceShare", e.varianceShare());
        o.put("status", r.status().name());
        o.put("condition", Condition.outcome(r));
        o.put("reason", r.reason());
        number(o, "driftScore", r.driftScore());
        number(o, "auc", r.auc());
        number(o, "aucLower", r.aucLower());
        number(o, "aucUpper", r.aucUpper());
        number(o, "pValue", r.pValue());
        number(o, "alpha", r.settings().alpha());
        o.put("nReference", r.nReference());
        o.put("nCurrent", r.nCurrent());
        ArrayNode importance = o.putArray("importance");
        for (PropertyImportance p : r.importance()) {
            ObjectNode i = importance.addObject();
            i.put("component", p.property());
            number(i, "importance", p.importance());
        }
        ArrayNode univariate = o.putArray("univariate");
        for (UnivariateDrift u : r.univariate()) {
            ObjectNode i = univariate.addObject();
            i.put("component", u.property());
            number(i, "ks", u.ks());
            number(i, "ksPValue", u.ksPValue());
            number(i, "emd", u.emd());
            i.put("nReference", u.nReference());
            i.put("nCurrent", u.nCurrent());
        }
        ObjectNode exemplars = o.putObject("exemplars");
        exemplars(exemplars.putArray("current"), r.exemplars().current());
        exemplars(exemplars.putArray("reference"), r.exemplars().reference());
    }

    private static String report(dev.imagedrift.detect.DriftStatus status) {
        return status.name();
    }

    private static ObjectNode side(ReportSide side) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("source", side.source());
        o.put("snapshotVersion", side.snapshotVersion());
        o.put("imagesRead", side.imagesRead());
        o.put("imagesSkipped", side.imagesSkipped());
        ObjectNode reasons = o.putObject("skippedByReason");
        for (Map.Entry<String, Integer> e : side.skippedByReason().entrySet()) {
            reasons.put(e.getKey(), e.getValue());
        }
        o.put("samples", side.samples().size());
        o.put("propertiesMode", side.measuredWith().mode().code());
        o.put("decoder", side.decoder());
        return o;
    }

    private static void exemplars(ArrayNode out, List<Exemplar> list) {
        for (Exemplar e : list) {
            ObjectNode o = out.addObject();
            o.put("id", e.id());
            number(o, "score", e.score());
        }
    }

    private static ObjectNode settings(DetectorSettings s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("mode", s.mode().name());
        o.put("folds", s.folds());
        o.put("trees", s.trees());
        o.put("maxDepth", s.maxDepth());
        number(o, "learningRate", s.learningRate());
        o.put("minLeafSize", s.minLeafSize());
        number(o, "alpha", s.alpha());
        number(o, "minScore", s.minScore());
        o.put("minSamples", s.minSamples());
        o.put("importanceRepeats", s.importanceRepeats());
        o.put("exemplars", s.exemplars());
        o.put("seed", s.seed());
        return o;
    }

    /** A finite number, or null (JSON has no NaN). */
    private static void number(ObjectNode o, String field, Double v) {
        if (v == null || !Double.isFinite(v)) {
            o.putNull(field);
        } else {
            o.put(field, v.doubleValue());
        }
    }
}
