package dev.imagedrift.image;

/**
 * What an encoded image declares about itself, read and checked before any reader runs.
 *
 * @param format         the format, from its signature
 * @param width          width the reader will produce, in pixels
 * @param height         height the reader will produce, in pixels
 * @param gray           whether the decoded image will be gray (for the orientation copy's size)
 * @param estimatedBytes memory the decode may take (heap and native): raster, working buffers,
 *                       the 8-bit copy and any cleaned copy of the input
 * @param orientation    EXIF orientation, 1 (as stored) to 8; 1 when absent or invalid
 * @param readerInput    the bytes the reader gets: the input itself, or a copy without the
 *                       metadata the reader must not see (ICC profiles, compressed text, ...)
 */
record DeclaredImage(ImageFormat format, int width, int height, boolean gray, long estimatedBytes,
                     int orientation, byte[] readerInput) {

    long pixels() {
        return (long) width * height;
    }

    /**
     * Checks declared dimensions against the pixel limit; {@code what} names them in the message
     * (e.g. "image", "logical screen", "tile").
     */
    static void checkPixels(long width, long height, DecodeLimits limits, String what) {
        if (width <= 0 || height <= 0) {
            throw HeaderProblem.undecodable("header declares an empty " + what + " (" + width + "x" + height + ")");
        }
        if (width > limits.maxPixels() || height > limits.maxPixels() || width * height > limits.maxPixels()) {
            throw HeaderProblem.tooLarge(what + " " + width + "x" + height + " = " + width * height
                    + " pixels is over the limit of " + limits.maxPixels() + " pixels");
        }
    }
}
