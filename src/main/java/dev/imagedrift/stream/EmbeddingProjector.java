package dev.imagedrift.stream;

import dev.imagedrift.embedding.Embedding;
import dev.imagedrift.embedding.EmbeddingFailedException;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.reference.ReferenceEmbeddings;
import dev.imagedrift.reference.ReferenceSet;

/**
 * Turns an event's embedding into the coordinates the window keeps: the embedding it carries,
 * checked against its stream's reference (model name, dimension), or one the configured model
 * computes from its image; then projected with that reference's axes. Projecting here, not at the
 * window, keeps the state small: 16 coordinates a sample instead of a 2048-value vector.
 */
final class EmbeddingProjector {
    static final EmbeddingProjector NONE = new EmbeddingProjector(null, null);

    private final ReferenceSet references;
    private final ImageEmbedder embedder;

    /**
     * @param references the references (null: embeddings are not used)
     * @param embedder   the model for events with an image and no embedding, or null
     */
    EmbeddingProjector(ReferenceSet references, ImageEmbedder embedder) {
        this.references = references;
        this.embedder = embedder;
    }

    /**
     * The event's projected embedding, or null when it has none and none is computed.
     *
     * @param image the event's decoded image, or null (no image, or properties given precomputed)
     */
    double[] project(ImageEvent event, DecodedImage image) throws RejectedEvent {
        ReferenceEmbeddings reference = references == null ? null
                : references.forStream(event.stream()).embeddings();
        Embedding given = event.embedding();
        if (reference == null) {
            if (given != null && !event.hasImage() && event.properties() == null) {
                throw new RejectedEvent(DeadLetterReason.EMBEDDING_NOT_CONFIGURED, "the event carries only an "
                        + "embedding, but the reference of stream '" + event.stream() + "' has no embeddings to compare "
                        + "it with (build the snapshot with --embeddings or --onnx-model)");
            }
            return null; // an embedding beside an image is ignored: the image is still measured
        }
        float[] values;
        if (given != null) {
            if (given.model() != null && !given.model().equals(reference.model())) {
                throw new RejectedEvent(DeadLetterReason.EMBEDDING_MODEL, "the embedding is from model '"
                        + given.model() + "', the reference's from '" + reference.model() + "'");
            }
            if (given.dimension() != reference.dimension()) {
                throw new RejectedEvent(DeadLetterReason.EMBEDDING_DIMENSION, "the embedding has " + given.dimension()
                        + " values, the reference's model " + reference.model() + " gives " + reference.dimension());
            }
            values = given.values();
        } else if (image != null && embedder != null && embedder.model().equals(reference.model())) {
            try {
                values = embedder.embed(image);
            } catch (EmbeddingFailedException e) {
                throw new RejectedEvent(DeadLetterReason.EMBEDDING_FAILED, "model " + embedder.model() + ": "
                        + e.getMessage());
            }
        } else {
            return null;
        }
        return reference.projection().project(values);
    }
}
