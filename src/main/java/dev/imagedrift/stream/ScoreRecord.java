package dev.imagedrift.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.imagedrift.detect.CombinedResult;
import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.DriftStatus;
import dev.imagedrift.detect.Exemplars;
import dev.imagedrift.detect.PropertyImportance;
import dev.imagedrift.detect.UnivariateDrift;
import dev.imagedrift.reference.ReferenceEmbeddings;

import java.time.Instant;
import java.util.List;

/**
 * One closed window of one stream, as published on the scores topic (schema
 * {@value #SCHEMA}; see docs/schemas/score-record.schema.json). Numbers that were not computed
 * (INSUFFICIENT_DATA) are null. The top-level numbers are the property test's; when the stream's
 * reference has embeddings, {@code embedding} holds the embedding test, {@code decision} how the
 * two made one, and {@code status} is that combined decision. Both are absent otherwise.
 */
@JsonPropertyOrder({"schema", "stream", "windowStart", "windowEnd", "status", "reason", "driftScore", "auc",
        "aucLower", "aucUpper", "pValue", "threshold", "alpha", "nReference", "nCurrent", "unitsReference",
        "unitsCurrent", "eventsCounted", "topProperties", "univariate", "exemplars", "detector", "referenceVersion",
        "evaluatedAt", "detectionMillis", "decision", "embedding"})
public record ScoreRecord(String schema, String stream, Instant windowStart, Instant windowEnd, DriftStatus status,
                          String reason, Double driftScore, Double auc, Double aucLower, Double aucUpper, Double pValue,
                          double threshold, Double alpha, int nReference, int nCurrent, Integer unitsReference,
                          Integer unitsCurrent, long eventsCounted,
                          List<PropertyImportance> topProperties, List<UnivariateDrift> univariate, Exemplars exemplars,
                          DetectorSettings detector, String referenceVersion, Instant evaluatedAt,
                          long detectionMillis, @JsonInclude(JsonInclude.Include.NON_NULL) Decision decision,
                          @JsonInclude(JsonInclude.Include.NON_NULL) EmbeddingScore embedding) {
    public static final String SCHEMA = "imagedrift.score/v1";

    /**
     * How the property and embedding tests made the window's one decision.
     *
     * @param rule       {@code bonferroni}: each test at alpha / tests
     * @param tests      2
     * @param alpha      the family level (per stream, after the correction across streams)
     * @param pValue     min(1, tests x the smaller p-value), or null when neither test computed one
     * @param properties the property test's own status
     * @param embedding  the embedding test's own status
     */
    public record Decision(String rule, int tests, Double alpha, Double pValue, DriftStatus properties,
                           DriftStatus embedding) {}

    /**
     * The embedding test of a window: the same classifier test on the projected embeddings.
     *
     * @param model         the reference's embedding model
     * @param dimension     its embedding dimension
     * @param components    principal components compared
     * @param topComponents the components that separate the sides, by importance
     * @param univariate    KS and EMD per component
     */
    @JsonPropertyOrder({"model", "dimension", "components", "status", "reason", "driftScore", "auc", "aucLower",
            "aucUpper", "pValue", "alpha", "nReference", "nCurrent", "topComponents", "univariate", "exemplars"})
    public record EmbeddingScore(String model, int dimension, int components, DriftStatus status, String reason,
                                 Double driftScore, Double auc, Double aucLower, Double aucUpper, Double pValue,
                                 Double alpha, int nReference, int nCurrent, List<PropertyImportance> topComponents,
                                 List<UnivariateDrift> univariate, Exemplars exemplars) {}

    /** A record without embeddings (as before they existed). */
    public ScoreRecord(String schema, String stream, Instant windowStart, Instant windowEnd, DriftStatus status,
                       String reason, Double driftScore, Double auc, Double aucLower, Double aucUpper, Double pValue,
                       double threshold, Double alpha, int nReference, int nCurrent, Integer unitsReference,
                       Integer unitsCurrent, long eventsCounted,
                       List<PropertyImportance> topProperties, List<UnivariateDrift> univariate, Exemplars exemplars,
                       DetectorSettings detector, String referenceVersion, Instant evaluatedAt, long detectionMillis) {
        this(schema, stream, windowStart, windowEnd, status, reason, driftScore, auc, aucLower, aucUpper, pValue,
                threshold, alpha, nReference, nCurrent, unitsReference, unitsCurrent, eventsCounted, topProperties,
                univariate, exemplars, detector, referenceVersion, evaluatedAt, detectionMillis, null, null);
    }

    /** A window of a stream whose reference has embeddings: both tests and the combined decision. */
    public static ScoreRecord of(String stream, long windowStartMs, long windowEndMs, long eventsCounted,
                                 CombinedResult combined, ReferenceEmbeddings embeddings, String referenceVersion,
                                 Instant evaluatedAt, long detectionMillis) {
        ScoreRecord p = of(stream, windowStartMs, windowEndMs, eventsCounted, combined.properties(), referenceVersion,
                evaluatedAt, detectionMillis);
        DriftResult e = combined.embedding();
        boolean calibrated = e.settings().mode() == dev.imagedrift.detect.DetectionMode.CALIBRATED;
        Decision decision = new Decision(CombinedResult.RULE, combined.tests(), calibrated ? combined.alpha() : null,
                combined.pValue(), combined.properties().status(), e.status());
        EmbeddingScore score = new EmbeddingScore(embeddings.model(), embeddings.dimension(),
                embeddings.projection().components(), e.status(), e.reason(), finite(e.driftScore()), finite(e.auc()),
                e.aucLower(), e.aucUpper(), e.pValue(), calibrated ? e.settings().alpha() : null, e.nReference(),
                e.nCurrent(), e.importance(), e.univariate(), e.exemplars());
        return new ScoreRecord(p.schema, p.stream, p.windowStart, p.windowEnd, combined.status(), combined.reason(),
                p.driftScore, p.auc, p.aucLower, p.aucUpper, p.pValue, p.threshold, p.alpha, p.nReference, p.nCurrent,
                p.unitsReference, p.unitsCurrent, p.eventsCounted, p.topProperties, p.univariate, p.exemplars, p.detector, p.referenceVersion,
                p.evaluatedAt, p.detectionMillis, decision, score);
    }

    public static ScoreRecord of(String stream, long windowStartMs, long windowEndMs, long eventsCounted,
                                 DriftResult result, String referenceVersion, Instant evaluatedAt, long detectionMillis) {
        boolean calibrated = result.settings().mode() == dev.imagedrift.detect.DetectionMode.CALIBRATED;
        return new ScoreRecord(SCHEMA, stream, Instant.ofEpochMilli(windowStartMs), Instant.ofEpochMilli(windowEndMs),
                result.status(), result.reason(), finite(result.driftScore()), finite(result.auc()), result.aucLower(),
                result.aucUpper(), result.pValue(), result.threshold(), calibrated ? result.settings().alpha() : null,
                result.nReference(), result.nCurrent(), result.unitsReference(), result.unitsCurrent(), eventsCounted,
                result.importance(), result.univariate(), result.exemplars(), result.settings(), referenceVersion,
                evaluatedAt, detectionMillis);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
