package dev.imagedrift.image;

import java.util.Objects;

/**
 * Decoded 8-bit pixels, in whatever interleaved layout the decoder produced, so that the
 * property kernel can read the decoder's own buffer without a copy.
 *
 * <p>Pixel (x, y) starts at {@code data[y * scanlineStride + x * pixelStride]}. A colour image
 * has its red, green and blue samples at {@code redOffset}, {@code greenOffset} and
 * {@code blueOffset} from that start (for example 2, 1, 0 for a BGR raster); a grayscale image
 * has its gray sample at {@code grayOffset()} (= {@code redOffset}). Alpha and padding bytes
 * are skipped by the strides.
 */
public final class DecodedImage {
    private final int width;
    private final int height;
    private final boolean gray;
    private final byte[] data;
    private final int pixelStride;
    private final int scanlineStride;
    private final int redOffset;
    private final int greenOffset;
    private final int blueOffset;

    private DecodedImage(int width, int height, boolean gray, byte[] data, int pixelStride,
                         int scanlineStride, int redOffset, int greenOffset, int blueOffset) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive: " + width + "x" + height);
        }
        Objects.requireNonNull(data, "data");
        long last = (long) (height - 1) * scanlineStride + (long) (width - 1) * pixelStride
                + Math.max(redOffset, Math.max(greenOffset, blueOffset));
        if (pixelStride <= 0 || scanlineStride < (long) width * pixelStride || last >= data.length) {
            throw new IllegalArgumentException("pixel buffer of " + data.length + " bytes does not hold a "
                    + width + "x" + height + " image with pixel stride " + pixelStride
                    + " and scanline stride " + scanlineStride);
        }
        this.width = width;
        this.height = height;
        this.gray = gray;
        this.data = data;
        this.pixelStride = pixelStride;
        this.scanlineStride = scanlineStride;
        this.redOffset = redOffset;
        this.greenOffset = greenOffset;
        this.blueOffset = blueOffset;
    }

    /** A colour image: interleaved samples with the given offsets of red, green and blue. */
    public static DecodedImage color(int width, int height, byte[] data, int pixelStride, int scanlineStride,
                                     int redOffset, int greenOffset, int blueOffset) {
        return new DecodedImage(width, height, false, data, pixelStride, scanlineStride,
                redOffset, greenOffset, blueOffset);
    }

    /** A tightly packed RGB image (3 bytes a pixel, R then G then B). */
    public static DecodedImage rgb(int width, int height, byte[] data) {
        return color(width, height, data, 3, 3 * width, 0, 1, 2);
    }

    /** A grayscale image whose gray sample sits at {@code grayOffset} inside each pixel. */
    public static DecodedImage gray(int width, int height, byte[] data, int pixelStride, int scanlineStride,
                                    int grayOffset) {
        return new DecodedImage(width, height, true, data, pixelStride, scanlineStride,
                grayOffset, grayOffset, grayOffset);
    }

    /** A tightly packed grayscale image (one byte a pixel). */
    public static DecodedImage gray(int width, int height, byte[] data) {
        return gray(width, height, data, 1, width, 0);
    }

    public int width() { return width; }
    public int height() { return height; }
    public long pixelCount() { return (long) width * height; }
    public boolean isGray() { return gray; }
    /** The backing buffer itself (not a copy): read it, never write it. */
    public byte[] data() { return data; }
    public int pixelStride() { return pixelStride; }
    public int scanlineStride() { return scanlineStride; }
    public int redOffset() { return redOffset; }
    public int greenOffset() { return greenOffset; }
    public int blueOffset() { return blueOffset; }
    public int grayOffset() { return redOffset; }

    /** Red (or gray) sample of pixel (x, y), 0..255. Slow path for tests and custom properties. */
    public int red(int x, int y) { return data[y * scanlineStride + x * pixelStride + redOffset] & 0xFF; }
    public int green(int x, int y) { return data[y * scanlineStride + x * pixelStride + greenOffset] & 0xFF; }
    public int blue(int x, int y) { return data[y * scanlineStride + x * pixelStride + blueOffset] & 0xFF; }
}
