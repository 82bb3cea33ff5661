package dev.imagedrift.embedding;

import java.io.IOException;
import java.nio.file.Path;

/** A file of embeddings that cannot be used; the message names the file and the problem. */
public final class InvalidEmbeddingsException extends IOException {
    public InvalidEmbeddingsException(Path file, String message) {
        super(file + ": " + message);
    }
}
