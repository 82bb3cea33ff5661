package dev.imagedrift.embedding;

import java.util.Map;

/**
 * The embeddings a reader kept from a file: those of the wanted image ids.
 *
 * @param dimension  the file's embedding dimension
 * @param rows       image id -> embedding, for the wanted ids found in the file
 * @param rowsInFile how many rows the file holds in all
 */
public record EmbeddingTable(int dimension, Map<String, float[]> rows, long rowsInFile) {
    public EmbeddingTable {
        rows = Map.copyOf(rows);
    }
}
