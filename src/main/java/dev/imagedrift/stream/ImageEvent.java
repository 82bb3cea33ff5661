package dev.imagedrift.stream;

import java.util.Map;

/**
 * One parsed input event, in any of the accepted formats: exactly one of {@code encodedImage},
 * {@code rawPixels} and {@code properties} is set.
 *
 * @param id           the image id (used for exemplars)
 * @param stream       what drift is measured for (a camera, a model, a segment)
 * @param timestampMs  event time, epoch milliseconds
 */
public record ImageEvent(String id, String stream, long timestampMs, byte[] encodedImage, RawPixels rawPixels,
                         Map<String, Double> properties) {

    /** An uncompressed pixel buffer: channels 1 (gray), 3 (RGB) or 4 (RGBA). */
    public record RawPixels(int width, int height, int channels, byte[] data) {}
}
