package dev.imagedrift.embedding;

/**
 * Bounds on what an embedding, an event or a file of embeddings can make the monitor allocate.
 * One source for the limits that the event parser, the file readers and the docs quote.
 */
public final class EmbeddingLimits {
    /**
     * Largest embedding dimension accepted anywhere. Covers the common image models (CLIP 512-1024,
     * ResNet 2048, ViT-H 1280) with room to spare; 4096 float32 values are 16 KiB an event.
     */
    public static final int MAX_DIMENSION = 4096;
    /** Longest model name accepted (it becomes a bounded label value and appears in records). */
    public static final int MAX_MODEL_NAME = 200;
    /** Most embedding rows one reference file may hold (ten times the largest snapshot sample). */
    public static final long MAX_FILE_ROWS = 10_000_000L;

    private EmbeddingLimits() {}

    /** @throws IllegalArgumentException when {@code dimension} is outside 1..{@link #MAX_DIMENSION} */
    public static int checkDimension(long dimension, String what) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException(what + " has dimension " + dimension + "; supported: 1 to "
                    + MAX_DIMENSION);
        }
        return (int) dimension;
    }

    /** @throws IllegalArgumentException when a model name is blank, too long or has control characters */
    public static String checkModelName(String model) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("the model name is empty");
        }
        if (model.length() > MAX_MODEL_NAME) {
            throw new IllegalArgumentException("the model name is longer than " + MAX_MODEL_NAME + " characters");
        }
        for (int i = 0; i < model.length(); i++) {
            if (Character.isISOControl(model.charAt(i))) {
                throw new IllegalArgumentException("the model name contains control characters");
            }
        }
        return model;
    }
}
