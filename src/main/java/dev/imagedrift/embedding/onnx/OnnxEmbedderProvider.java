package dev.imagedrift.embedding.onnx;

import dev.imagedrift.embedding.EmbedderSpec;
import dev.imagedrift.embedding.EmbeddingFailedException;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.embedding.ImageEmbedderProvider;

import java.util.Locale;

/** Runs {@code .onnx} model files ({@link OnnxImageEmbedder}). Listed as a service in the plugin jar. */
public final class OnnxEmbedderProvider implements ImageEmbedderProvider {
    @Override
    public boolean accepts(EmbedderSpec spec) {
        return spec.modelFile().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    @Override
    public ImageEmbedder open(EmbedderSpec spec) throws EmbeddingFailedException {
        return OnnxImageEmbedder.open(spec);
    }
}
