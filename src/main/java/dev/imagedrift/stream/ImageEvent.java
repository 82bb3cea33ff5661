package dev.imagedrift.stream;

import dev.imagedrift.embedding.Embedding;

import java.net.URI;
import java.util.Map;

/**
 * One parsed input event, in any of the accepted formats: at most one of {@code encodedImage},
 * {@code rawPixels}, {@code properties} and {@code imageUri} is set, and {@code embedding} beside
 * it or alone.
 *
 * @param id           the image id (used for exemplars)
 * @param stream       what drift is measured for (a camera, a model, a segment)
 * @param timestampMs  event time, epoch milliseconds
 * @param embedding    the image's embedding as the producer computed it, or null
 * @param imageUri     where the encoded image is, when the event names it instead of carrying it
 */
public record ImageEvent(String id, String stream, long timestampMs, byte[] encodedImage, RawPixels rawPixels,
                         Map<String, Double> properties, Embedding embedding, URI imageUri) {

    /** An event without an embedding. */
    public ImageEvent(String id, String stream, long timestampMs, byte[] encodedImage, RawPixels rawPixels,
                      Map<String, Double> properties) {
        this(id, stream, timestampMs, encodedImage, rawPixels, properties, null, null);
    }

    /** An event that carries its image (or properties) itself, with or without an embedding. */
    public ImageEvent(String id, String stream, long timestampMs, byte[] encodedImage, RawPixels rawPixels,
                      Map<String, Double> properties, Embedding embedding) {
        this(id, stream, timestampMs, encodedImage, rawPixels, properties, embedding, null);
    }

    /** Whether the event carries an image (encoded or raw pixels); one named by URI is not here until fetched. */
    public boolean hasImage() {
        return encodedImage != null || rawPixels != null;
    }

    /** This event with the image fetched from its URI. */
    public ImageEvent withImage(byte[] fetched) {
        return new ImageEvent(id, stream, timestampMs, fetched, null, null, embedding, null);
    }

    /** An uncompressed pixel buffer: channels 1 (gray), 3 (RGB) or 4 (RGBA). */
    public record RawPixels(int width, int height, int channels, byte[] data) {}
}
