package dev.imagedrift.reference;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.properties.PropertySet;

import java.nio.file.Path;

/**
 * Turns one image file into pixels, or says why it cannot. Implementations must be thread-safe:
 * the snapshot builder calls one instance from several threads at once.
 */
@FunctionalInterface
public interface ImageLoader {
    /** The decoded image; an {@link ImageRejected} naming the file for anything unusable. */
    DecodedImage load(Path file) throws ImageRejected;

    /**
     * The file's property values. The product's loaders decode into a buffer the thread reuses,
     * since the pixels are not needed afterwards.
     */
    default double[] measure(Path file, PropertySet properties) throws ImageRejected {
        return properties.compute(load(file));
    }

    /** How this loader measures: recorded in snapshots. Exact mode, decoder not recorded, unless overridden. */
    default MeasuredWith measuredWith() {
        return MeasuredWith.UNRECORDED_EXACT;
    }
}
