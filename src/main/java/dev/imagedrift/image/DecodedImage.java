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
 *
 * <p>An image decoded at reduced scale (fast mode: libjpeg-turbo's DCT scaling) also carries the
 * size of the full image it came from, {@link #sourceWidth()} x {@link #sourceHeight()}, so that
 * Area and Aspect Ratio stay those of the full image; otherwise the source size is the size.
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
    private final int sourceWidth;
    private final int sourceHeight;

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
        this.sourceWidth = width;
        this.sourceHeight = height;
    }

    private DecodedImage(DecodedImage pixels, int sourceWidth, int sourceHeight) {
        if (sourceWidth < pixels.width || sourceHeight < pixels.height) {
            throw new IllegalArgumentException("source size " + sourceWidth + "x" + sourceHeight
                    + " is smaller than the decoded " + pixels.width + "x" + pixels.height);
        }
        this.width = pixels.width;
        this.height = pixels.height;
        this.gray = pixels.gray;
        this.data = pixels.data;
        this.pixelStride = pixels.pixelStride;
        this.scanlineStride = pixels.scanlineStride;
        this.redOffset = pixels.redOffset;
        this.greenOffset = pixels.greenOffset;
        this.blueOffset = pixels.blueOffset;
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
    }

    /** The same pixels (no copy), decoded at reduced scale from a {@code width} x {@code height} image. */
    public DecodedImage scaledFrom(int width, int height) {
        return new DecodedImage(this, width, height);
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
    /** Width of the full image (differs from {@link #width()} only after a reduced-scale decode). */
    public int sourceWidth() { return sourceWidth; }
    /** Height of the full image (differs from {@link #height()} only after a reduced-scale decode). */
    public int sourceHeight() { return sourceHeight; }
    /** Whether these pixels are a reduced-scale decode of a larger image. */
    public boolean isScaled() { return sourceWidth != width || sourceHeight != height; }
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
