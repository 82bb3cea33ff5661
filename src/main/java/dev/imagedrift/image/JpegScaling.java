package dev.imagedrift.image;

/**
 * How large a JPEG is decoded: at full size (exact mode), or reduced by libjpeg-turbo's DCT
 * scaling (fast mode), where the inverse DCT of each 8x8 block produces 4x4, 2x2 or 1x1 pixels,
 * i.e. the block's low frequencies: an average over the block, not a subsample.
 *
 * <p>The fast rule: the largest reduction (1/2, 1/4 or 1/8 a side) that still leaves at least
 * {@link #FAST_MIN_PIXELS} pixels, the number the reference check samples from each image. So a
 * reduced image holds between that and four times that many pixels (up to 1/8 scale, i.e. for
 * images up to 64 times that: 1,600 x 1,600 or so); beyond that the output is 1/64 of the image.
 * The entropy decoding always reads the whole file: it does not shrink with the scale.
 */
public final class JpegScaling {
    /** Fewest pixels a fast-mode decode keeps: the reference check's 10,000 sampled pixels. */
    public static final int FAST_MIN_PIXELS = 10_000;

    /** Full size: every pixel (exact mode). */
    public static final JpegScaling FULL = new JpegScaling(0);
    /** Fast mode: at least {@link #FAST_MIN_PIXELS} pixels. */
    public static final JpegScaling FAST = new JpegScaling(FAST_MIN_PIXELS);

    /** Largest reduction libjpeg-turbo's DCT scaling offers. */
    static final int MAX_DENOMINATOR = 8;

    private final long minPixels;

    private JpegScaling(long minPixels) {
        this.minPixels = minPixels;
    }

    /** The fast rule with another floor (for measuring the trade-off; the product uses {@link #FAST}). */
    public static JpegScaling atLeast(long minPixels) {
        if (minPixels < 1) {
            throw new IllegalArgumentException("minPixels must be at least 1, got " + minPixels);
        }
        return new JpegScaling(minPixels);
    }

    public boolean isFull() {
        return minPixels == 0;
    }

    /**
     * The denominator d of the scale 1/d (1, 2, 4 or 8) for a {@code width} x {@code height}
     * JPEG: the largest whose scaled size, ceil(w/d) x ceil(h/d) as libjpeg-turbo rounds, keeps at
     * least the minimum number of pixels (1 when even 1/2 would fall short).
     */
    public int denominator(int width, int height) {
        int chosen = 1;
        for (int d = 2; d <= MAX_DENOMINATOR && !isFull(); d *= 2) {
            long scaled = (long) ceilDiv(width, d) * ceilDiv(height, d);
            if (scaled < minPixels) {
                break;
            }
            chosen = d;
        }
        return chosen;
    }

    /** A side scaled by 1/b, rounded up as libjpeg-turbo rounds. */
    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public String toString() {
        return isFull() ? "full size" : "reduced to at least " + minPixels + " pixels (1/2, 1/4 or 1/8 a side)";
    }
}
