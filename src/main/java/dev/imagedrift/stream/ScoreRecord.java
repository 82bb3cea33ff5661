package dev.imagedrift.stream;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.DriftStatus;
import dev.imagedrift.detect.Exemplars;
import dev.imagedrift.detect.PropertyImportance;
import dev.imagedrift.detect.UnivariateDrift;

import java.time.Instant;
import java.util.List;

/**
 * One closed window of one stream, as published on the scores topic (schema
 * {@value #SCHEMA}; see docs/schemas/score-record.schema.json). Numbers that were not computed
 * (INSUFFICIENT_DATA) are null.
 */
@JsonPropertyOrder({"schema", "stream", "windowStart", "windowEnd", "status", "reason", "driftScore", "auc",
        "aucLower", "aucUpper", "pValue", "threshold", "alpha", "nReference", "nCurrent", "eventsCounted",
        "topProperties", "univariate", "exemplars", "detector", "referenceVersion", "evaluatedAt", "detectionMillis"})
public record ScoreRecord(String schema, String stream, Instant windowStart, Instant windowEnd, DriftStatus status,
                          String reason, Double driftScore, Double auc, Double aucLower, Double aucUpper, Double pValue,
                          double threshold, Double alpha, int nReference, int nCurrent, long eventsCounted,
                          List<PropertyImportance> topProperties, List<UnivariateDrift> univariate, Exemplars exemplars,
                          DetectorSettings detector, String referenceVersion, Instant evaluatedAt,
                          long detectionMillis) {
    public static final String SCHEMA = "imagedrift.score/v1";

    public static ScoreRecord of(String stream, long windowStartMs, long windowEndMs, long eventsCounted,
                                 DriftResult result, String referenceVersion, Instant evaluatedAt, long detectionMillis) {
        boolean calibrated = result.settings().mode() == dev.imagedrift.detect.DetectionMode.CALIBRATED;
        return new ScoreRecord(SCHEMA, stream, Instant.ofEpochMilli(windowStartMs), Instant.ofEpochMilli(windowEndMs),
                result.status(), result.reason(), finite(result.driftScore()), finite(result.auc()), result.aucLower(),
                result.aucUpper(), result.pValue(), result.threshold(), calibrated ? result.settings().alpha() : null,
                result.nReference(), result.nCurrent(), eventsCounted, result.importance(), result.univariate(),
                result.exemplars(), result.settings(), referenceVersion, evaluatedAt, detectionMillis);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
