package dev.imagedrift.reference;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageRejected;

import java.nio.file.Path;

/**
 * Turns one image file into pixels, or says why it cannot. Implementations must be thread-safe:
 * the snapshot builder calls one instance from several threads at once.
 */
@FunctionalInterface
public interface ImageLoader {
    /** The decoded image; an {@link ImageRejected} naming the file for anything unusable. */
    DecodedImage load(Path file) throws ImageRejected;
}
