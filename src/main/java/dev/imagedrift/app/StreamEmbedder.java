package dev.imagedrift.app;

import dev.imagedrift.config.ConfigException;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.embedding.EmbedderSpec;
import dev.imagedrift.embedding.EmbeddingFailedException;
import dev.imagedrift.embedding.Embedders;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.reference.ReferenceEmbeddings;
import dev.imagedrift.reference.ReferenceSet;

import java.nio.file.Path;

/** Opens the configured embedding model for the stream, exactly as the reference's embeddings were computed. */
final class StreamEmbedder {
    private StreamEmbedder() {}

    /**
     * The model of {@code embedding.onnx-model} with the input size, normalisation and name the global
     * reference recorded, or null when none is configured.
     *
     * @throws ConfigException when the reference cannot say how to run it, or it does not load
     */
    static ImageEmbedder open(MonitorConfig config, ReferenceSet references, ClassLoader loader) {
        String file = config.embedding().onnxModel();
        if (file == null) {
            return null;
        }
        ReferenceEmbeddings e = references.global().embeddings();
        if (e == null || e.embedder() == null) {
            throw new ConfigException("embedding.onnx-model is set, but the reference snapshot "
                    + (e == null ? "has no embeddings" : "has embeddings from a file, not from a model it ran")
                    + ": build it with snapshot --onnx-model, so it records the model's input size and normalisation");
        }
        EmbedderSpec recorded = e.embedder();
        EmbedderSpec spec = new EmbedderSpec(Path.of(file), recorded.model(), recorded.inputSize(), recorded.mean(),
                recorded.std());
        try {
            ImageEmbedder embedder = Embedders.open(spec, loader);
            if (embedder.dimension() != e.dimension()) {
                embedder.close();
                throw new ConfigException("embedding.onnx-model " + file + " gives embeddings of dimension "
                        + embedder.dimension() + ", the reference's model " + e.model() + " gave " + e.dimension());
            }
            return embedder;
        } catch (EmbeddingFailedException ex) {
            throw new ConfigException("embedding.onnx-model: " + ex.getMessage(), ex);
        }
    }
}
