package dev.imagedrift.stream;

import dev.imagedrift.embedding.Embedding;

import java.util.Map;

/**
 * One parsed input event, in any of the accepted formats: at most one of {@code encodedImage},
 * {@code rawPixels} and {@code properties} is set, and {@code embedding} beside it or alone.
 *
 * @param id           the image id (used for exemplars)
 * @param stream       what drift is measured for (a camera, a model, a segment)
 * @param timestampMs  event time, epoch milliseconds
 * @param embedding    the image's embedding as the producer computed it, or null
 */
public record ImageEvent(String id, String stream, long timestampMs, byte[] encodedImage, RawPixels rawPixels,
                         Map<String, Double> properties, Embedding embedding) {

    /** An event without an embedding. */
    public ImageEvent(String id, String stream, long timestampMs, byte[] encodedImage, RawPixels rawPixels,
                      Map<String, Double> properties) {
        this(id, stream, timestampMs, encodedImage, rawPixels, properties, null);
    }

    /** Whether the event carries an image (encoded or raw pixels). */
    public boolean hasImage() {
        return encodedImage != null || rawPixels != null;
    }

    /** An uncompressed pixel buffer: channels 1 (gray), 3 (RGB) or 4 (RGBA). */
    public record RawPixels(int width, int height, int channels, byte[] data) {}
}
