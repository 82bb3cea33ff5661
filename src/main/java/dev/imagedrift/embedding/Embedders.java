package dev.imagedrift.embedding;

import java.util.ServiceLoader;

/** Finds the provider that runs a model file, among those on the classpath and in the plugins directory. */
public final class Embedders {
    /** The plugin jar that carries the ONNX embedder (built beside the production jar). */
    public static final String ONNX_PLUGIN_JAR = "image-drift-onnx.jar";

    private Embedders() {}

    /**
     * Opens {@code spec}'s model with the first provider (from {@code loader}) that accepts it.
     *
     * @throws EmbeddingFailedException when no provider accepts it, or the model cannot be loaded
     */
    public static ImageEmbedder open(EmbedderSpec spec, ClassLoader loader) throws EmbeddingFailedException {
        for (ImageEmbedderProvider provider : ServiceLoader.load(ImageEmbedderProvider.class, loader)) {
            if (provider.accepts(spec)) {
                return provider.open(spec);
            }
        }
        throw new EmbeddingFailedException("no embedder can run " + spec.modelFile() + ": the ONNX embedder is a "
                + "plugin; put " + ONNX_PLUGIN_JAR + " in the plugins directory (--plugins DIR or IMAGEDRIFT_PLUGINS), "
                + "or use image-drift-tools.jar, which includes it");
    }
}
