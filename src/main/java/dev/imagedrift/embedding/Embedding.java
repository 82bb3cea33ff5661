package dev.imagedrift.embedding;

import java.util.Objects;

/**
 * One image's embedding: the vector a model computed for it, and the model's name when known.
 * Values are finite (NaN and infinities are refused: one of them would poison a whole projection).
 *
 * @param model  the model that computed it, or null when the producer did not say
 * @param values the vector (not copied: treat it as read-only)
 */
public record Embedding(String model, float[] values) {
    public Embedding {
        Objects.requireNonNull(values, "values");
        if (model != null) EmbeddingLimits.checkModelName(model);
        EmbeddingLimits.checkDimension(values.length, "the embedding");
        int bad = firstNonFinite(values);
        if (bad >= 0) {
            throw new IllegalArgumentException("embedding value " + bad + " is " + values[bad]
                    + "; only finite numbers are accepted");
        }
    }

    public int dimension() { return values.length; }

    /** Index of the first NaN or infinite value, or -1. */
    public static int firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) return i;
        }
        return -1;
    }
}
