package dev.imagedrift.report;

import dev.imagedrift.detect.CombinedResult;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.DriftStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a report of one check shows: the detector's result and the two sides it compared.
 *
 * @param result      the detector's result (settings included)
 * @param reference   the reference side
 * @param current     the current side
 * @param generatedAt when the check ran
 * @param embedding   the embedding test and the combined decision, or null when there were no embeddings
 *                    (then {@code result} decides alone)
 */
public record CheckReport(DriftResult result, ReportSide reference, ReportSide current, Instant generatedAt,
                          EmbeddingReport embedding) {
    public CheckReport {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(generatedAt, "generatedAt");
    }

    /** A report of the property test alone. */
    public CheckReport(DriftResult result, ReportSide reference, ReportSide current, Instant generatedAt) {
        this(result, reference, current, generatedAt, null);
    }

    public static CheckReport of(DriftResult result, ReportSide reference, ReportSide current) {
        return new CheckReport(result, reference, current, Instant.now());
    }

    /**
     * A report of both tests when {@code embedding} is given, else of {@code combined}'s property test.
     *
     * @param embedding the embedding side (its combined result is {@code combined}), or null
     */
    public static CheckReport of(CombinedResult combined, EmbeddingReport embedding, ReportSide reference,
                                 ReportSide current) {
        return new CheckReport(combined.properties(), reference, current, Instant.now(), embedding);
    }

    /** The decision: the combined one with embeddings, else the property test's. */
    public DriftStatus status() {
        return embedding == null ? result.status() : embedding.combined().status();
    }

    /** The threshold in force (the effect-size floor, or the reference check's threshold). */
    public double threshold() {
        return result.threshold();
    }

    /** The condition passes unless the status is DRIFT (too little data passes: it never alerts). */
    public boolean passed() {
        return status() != DriftStatus.DRIFT;
    }
}
