package dev.imagedrift.reference;

import dev.imagedrift.detect.Samples;
import dev.imagedrift.embedding.EmbedderSpec;
import dev.imagedrift.embedding.EmbeddingLimits;
import dev.imagedrift.embedding.Projection;

import java.util.List;
import java.util.Objects;

/**
 * The embedding side of a reference snapshot: which model, the projection fitted on the reference
 * embeddings, and each sampled image's coordinates along it. The raw embeddings are not kept: 10,000
 * images of a 2048-value model are 80 MB of JSON, their 16 coordinates 1.6 MB, and the detector only
 * ever uses the coordinates (a window is projected with these same axes).
 *
 * @param model      the model's name; events naming another model are refused
 * @param dimension  the embedding dimension; events of another dimension are refused
 * @param source     where the embeddings came from (a file, or the model file that computed them)
 * @param embedder   how images were embedded, when a model computed them here (null for a file): the
 *                   stream embeds production images the same way
 * @param projection the principal axes of the reference embeddings
 * @param ids        the sampled images that have an embedding, in row order
 * @param rows       their coordinates along the projection's axes
 * @param missing    sampled images without an embedding (not in the file, or the model failed on them)
 */
public record ReferenceEmbeddings(String model, int dimension, String source, EmbedderSpec embedder,
                                  Projection projection, List<String> ids, double[][] rows, int missing) {
    public ReferenceEmbeddings {
        EmbeddingLimits.checkModelName(model);
        EmbeddingLimits.checkDimension(dimension, "the reference embeddings");
        Objects.requireNonNull(projection, "projection");
        ids = List.copyOf(ids);
        Objects.requireNonNull(rows, "rows");
        if (projection.dimension() != dimension) {
            throw new IllegalArgumentException("a projection of dimension " + projection.dimension()
                    + " for embeddings of dimension " + dimension);
        }
        if (rows.length != ids.size()) throw new IllegalArgumentException(rows.length + " rows for " + ids.size() + " ids");
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != projection.components()) {
                throw new IllegalArgumentException("row " + ids.get(i) + " has " + rows[i].length + " coordinates for "
                        + projection.components() + " components");
            }
        }
        if (missing < 0) throw new IllegalArgumentException("missing must not be negative");
    }

    /** The coordinates as detector input, one column per component (PC1, PC2, ...). */
    public Samples toSamples() {
        return new Samples(projection.componentNames(), rows, ids);
    }
}
