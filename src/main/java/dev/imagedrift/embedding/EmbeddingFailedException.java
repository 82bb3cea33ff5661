package dev.imagedrift.embedding;

/** A model could not compute an image's embedding, or could not be loaded. */
public final class EmbeddingFailedException extends Exception {
    public EmbeddingFailedException(String message) {
        super(message);
    }

    public EmbeddingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
