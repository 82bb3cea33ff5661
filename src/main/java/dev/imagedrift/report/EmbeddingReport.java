package dev.imagedrift.report;

import dev.imagedrift.detect.CombinedResult;
import dev.imagedrift.detect.DriftResult;

import java.util.Objects;

/**
 * The embedding side of a check, when the reference has embeddings: the combined decision and what
 * the embedding test compared.
 *
 * @param combined       both tests and the one decision (its {@code embedding()} is never null here)
 * @param model          the embedding model's name
 * @param dimension      the embedding dimension
 * @param varianceShare  share of the reference embeddings' variance the projection's components hold
 */
public record EmbeddingReport(CombinedResult combined, String model, int dimension, double varianceShare) {
    public EmbeddingReport {
        Objects.requireNonNull(combined, "combined");
        if (combined.embedding() == null) throw new IllegalArgumentException("no embedding test in the result");
    }

    public DriftResult result() { return combined.embedding(); }

    public int components() { return combined.embedding().univariate().size(); }
}
