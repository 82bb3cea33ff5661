package dev.imagedrift.embedding;

import dev.imagedrift.image.DecodedImage;

/**
 * Computes an image's embedding with a model. Implementations are thread-safe (the snapshot
 * builder and the stream threads share one) and are closed when no longer used.
 */
public interface ImageEmbedder extends AutoCloseable {
    /** The model's name, as recorded in snapshots and compared with the events' model names. */
    String model();

    /** The length of every embedding it returns. */
    int dimension();

    /** How images become the model's input. */
    EmbedderSpec spec();

    /**
     * The embedding of one image.
     *
     * @throws EmbeddingFailedException when the model cannot compute it (the message says why)
     */
    float[] embed(DecodedImage image) throws EmbeddingFailedException;

    @Override
    void close();
}
