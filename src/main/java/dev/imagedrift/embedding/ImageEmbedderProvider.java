package dev.imagedrift.embedding;

/**
 * A kind of model the monitor can run, found with {@link java.util.ServiceLoader}: the ONNX embedder
 * ships as a plugin jar (the production jar stays free of ONNX Runtime's native libraries) and is
 * listed in its {@code META-INF/services/dev.imagedrift.embedding.ImageEmbedderProvider}.
 */
public interface ImageEmbedderProvider {
    /** Whether this provider runs the model file of {@code spec} (for example by its extension). */
    boolean accepts(EmbedderSpec spec);

    /** Loads the model. */
    ImageEmbedder open(EmbedderSpec spec) throws EmbeddingFailedException;
}
