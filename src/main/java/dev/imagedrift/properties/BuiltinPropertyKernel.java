package dev.imagedrift.properties;

import dev.imagedrift.image.DecodedImage;

/**
 * Computes the seven built-in properties of one image in a single pass over its pixels, exactly
 * (to well within 1e-9 of the real-number value) and fast.
 *
 * <p>Why it is shaped like this (measured in docs/BENCHMARKS.md: about 2x faster than a per-pixel
 * loop in doubles with one division a pixel, 3.9x the loop with three):
 * <ul>
 *   <li>Gray is the integer {@code 2125 R + 7154 G + 721 B} taken from three 256-entry tables
 *       (the one integer multiplier port is the bottleneck, table loads are not), summed with its
 *       square in longs: exact, and no floating-point add chains.</li>
 *   <li>Relative intensities use one 766-entry table indexed by {@code s = r+g+b} holding
 *       {@code round(2^48 / s)} shifted up 15 bits with a 1 in the low bit. Adding the raw entry
 *       counts the non-black pixels in the low 15 bits for free (a chunk has fewer than 2^15
 *       pixels, and the sum wrapping around 2^64 in the high part cannot reach the low bits); the
 *       entry shifted down (unsigned) is the reciprocal, multiplied by r and g in integers. Blue comes from
 *       the per-pixel identity r/s + g/s + b/s = 1, saving a multiply.</li>
 *   <li>Pixels are processed in chunks of at most 2^14, so no long partial sum can overflow;
 *       chunk totals are folded into 128-bit totals ({@link PixelTotals}).</li>
 *   <li>The common pixel strides (3 and 4 for colour, 1 for gray) have their own loops with a
 *       constant stride, so the JIT can compile them as counted loops and hoist the bounds checks.</li>
 * </ul>
 * Error bounds: brightness and RMS contrast are exact up to their final floating-point division
 * and square root; red and green relative intensities are within 127.5 / 2^48 = 4.6e-13 of
 * their exact values, blue within 382.5 / 2^48 = 1.4e-12.
 */
final class BuiltinPropertyKernel {
    /** Fixed-point fraction bits of the reciprocals: c * round(2^48 / s) <= 2^48 + 2^7 for c <= s. */
    static final int FRACTION_BITS = 48;
    /** Low bits of a table entry that count pixels: round(2^48 / 1) << 15 = 2^63 still fits 64 unsigned bits. */
    private static final int COUNT_BITS = 15;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    /**
     * Largest chunk, below 2^15 so its pixel count fits the count bits; 2^14 * (2^48 + 2^7) and
     * 2^14 * (255 * 10^4)^2 both stay below 2^63.
     */
    private static final int CHUNK = 1 << 14;
    /** Gray weights times 10^4, so gray * 10^4 is an exact integer. */
    private static final double GRAY_SCALE = 10_000;

    private static final int[] RED_WEIGHT = weights(2125);
    private static final int[] GREEN_WEIGHT = weights(7154);
    private static final int[] BLUE_WEIGHT = weights(721);
    /** For s = r+g+b in 1..765: (round(2^48 / s) << 15) | 1; for s = 0: 0 (black adds nothing). */
    private static final long[] SHARE = shareTable();

    private BuiltinPropertyKernel() {}

    /** Writes the seven values into out[0..6] in {@link BuiltinProperty} order. */
    static void compute(DecodedImage img, double[] out) {
        // Area and aspect ratio of the full image, also after a reduced-scale (fast mode) decode.
        out[0] = (double) img.sourceHeight() / img.sourceWidth();
        out[1] = (double) img.sourceWidth() * img.sourceHeight();
        PixelTotals totals = new PixelTotals(img.pixelCount());
        if (img.isGray()) {
            forEachRun(img, (start, count) -> scanGray(img, start, count, totals));
            out[2] = totals.mean(1);
            out[3] = totals.standardDeviation(1);
            out[4] = Double.NaN;
            out[5] = Double.NaN;
            out[6] = Double.NaN;
        } else {
            forEachRun(img, (start, count) -> scanColor(img, start, count, totals));
            out[2] = totals.mean(GRAY_SCALE);
            out[3] = totals.standardDeviation(GRAY_SCALE);
            out[4] = totals.meanRedShare(FRACTION_BITS);
            out[5] = totals.meanGreenShare(FRACTION_BITS);
            out[6] = totals.meanBlueShare(FRACTION_BITS);
        }
    }

    @FunctionalInterface
    private interface Run {
        void scan(int start, int count);
    }

    /**
     * Calls {@code run} for consecutive pixel runs of at most {@link #CHUNK} pixels: the whole
     * image when its rows are packed back to back, else row by row.
     */
    private static void forEachRun(DecodedImage img, Run run) {
        int w = img.width();
        int h = img.height();
        int ps = img.pixelStride();
        if ((long) img.scanlineStride() == (long) w * ps) {
            chunked(0, img.pixelCount(), ps, run);
        } else {
            for (int y = 0; y < h; y++) {
                chunked(y * img.scanlineStride(), w, ps, run);
            }
        }
    }

    private static void chunked(int start, long pixels, int pixelStride, Run run) {
        int p = start;
        for (long done = 0; done < pixels; ) {
            int count = (int) Math.min(CHUNK, pixels - done);
            run.scan(p, count);
            p += count * pixelStride;
            done += count;
        }
    }

    private static void scanColor(DecodedImage img, int start, int count, PixelTotals totals) {
        byte[] d = img.data();
        int ro = img.redOffset();
        int go = img.greenOffset();
        int bo = img.blueOffset();
        switch (img.pixelStride()) {
            case 3 -> color3(d, start, count, ro, go, bo, totals);
            case 4 -> color4(d, start, count, ro, go, bo, totals);
            default -> colorAnyStride(d, start, count, img.pixelStride(), ro, go, bo, totals);
        }
    }

    private static void scanGray(DecodedImage img, int start, int count, PixelTotals totals) {
        byte[] d = img.data();
        int offset = img.grayOffset();
        if (img.pixelStride() == 1) {
            gray1(d, start + offset, count, totals);
        } else {
            grayAnyStride(d, start + offset, count, img.pixelStride(), totals);
        }
    }

    // The three colour loops are the same body with a different (constant) stride.

    private static void color3(byte[] d, int start, int count, int ro, int go, int bo, PixelTotals totals) {
        long graySum = 0;
        long graySquares = 0;
        long red = 0;
        long green = 0;
        long packed = 0;
        for (int p = start, end = start + 3 * count; p < end; p += 3) {
            int r = d[p + ro] & 0xFF;
            int g = d[p + go] & 0xFF;
            int b = d[p + bo] & 0xFF;
            long gray = RED_WEIGHT[r] + GREEN_WEIGHT[g] + BLUE_WEIGHT[b];
            graySum += gray;
            graySquares += gray * gray;
            long share = SHARE[r + g + b];
            packed += share;
            long reciprocal = share >>> COUNT_BITS;
            red += r * reciprocal;
            green += g * reciprocal;
        }
        totals.add(graySum, graySquares);
        totals.addShares(red, green, packed & COUNT_MASK);
    }

    private static void color4(byte[] d, int start, int count, int ro, int go, int bo, PixelTotals totals) {
        long graySum = 0;
        long graySquares = 0;
        long red = 0;
        long green = 0;
        long packed = 0;
        for (int p = start, end = start + 4 * count; p < end; p += 4) {
            int r = d[p + ro] & 0xFF;
            int g = d[p + go] & 0xFF;
            int b = d[p + bo] & 0xFF;
            long gray = RED_WEIGHT[r] + GREEN_WEIGHT[g] + BLUE_WEIGHT[b];
            graySum += gray;
            graySquares += gray * gray;
            long share = SHARE[r + g + b];
            packed += share;
            long reciprocal = share >>> COUNT_BITS;
            red += r * reciprocal;
            green += g * reciprocal;
        }
        totals.add(graySum, graySquares);
        totals.addShares(red, green, packed & COUNT_MASK);
    }

    private static void colorAnyStride(byte[] d, int start, int count, int ps, int ro, int go, int bo,
                                       PixelTotals totals) {
        long graySum = 0;
        long graySquares = 0;
        long red = 0;
        long green = 0;
        long packed = 0;
        for (int i = 0, p = start; i < count; i++, p += ps) {
            int r = d[p + ro] & 0xFF;
            int g = d[p + go] & 0xFF;
            int b = d[p + bo] & 0xFF;
            long gray = RED_WEIGHT[r] + GREEN_WEIGHT[g] + BLUE_WEIGHT[b];
            graySum += gray;
            graySquares += gray * gray;
            long share = SHARE[r + g + b];
            packed += share;
            long reciprocal = share >>> COUNT_BITS;
            red += r * reciprocal;
            green += g * reciprocal;
        }
        totals.add(graySum, graySquares);
        totals.addShares(red, green, packed & COUNT_MASK);
    }

    private static void gray1(byte[] d, int start, int count, PixelTotals totals) {
        long sum = 0;
        long squares = 0;
        for (int p = start, end = start + count; p < end; p++) {
            int v = d[p] & 0xFF;
            sum += v;
            squares += v * v;
        }
        totals.add(sum, squares);
    }

    private static void grayAnyStride(byte[] d, int start, int count, int ps, PixelTotals totals) {
        long sum = 0;
        long squares = 0;
        for (int i = 0, p = start; i < count; i++, p += ps) {
            int v = d[p] & 0xFF;
            sum += v;
            squares += v * v;
        }
        totals.add(sum, squares);
    }

    private static int[] weights(int weight) {
        int[] table = new int[256];
        for (int v = 0; v < 256; v++) {
            table[v] = weight * v;
        }
        return table;
    }

    private static long[] shareTable() {
        long[] table = new long[766];
        for (int s = 1; s < table.length; s++) {
            long reciprocal = ((1L << FRACTION_BITS) + s / 2) / s; // round(2^48 / s)
            table[s] = (reciprocal << COUNT_BITS) | 1;
        }
        return table;
    }
}
