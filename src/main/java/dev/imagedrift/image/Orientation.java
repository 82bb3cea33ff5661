package dev.imagedrift.image;

/**
 * Applies an EXIF orientation (1..8) to decoded pixels: a packed copy as a viewer would show the
 * image. 2 mirrors, 3 rotates 180 degrees, 4 flips; 5 transposes, 6 rotates 90 degrees clockwise,
 * 7 transverses, 8 rotates 90 degrees counter-clockwise (5..8 swap width and height).
 */
final class Orientation {
    private Orientation() {}

    /** Bytes the oriented copy takes. */
    static long copyBytes(long pixels, boolean gray) {
        return pixels * (gray ? 1 : 3);
    }

    static DecodedImage apply(DecodedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        int bands = image.isGray() ? 1 : 3;
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(outW, outH), bands)];
        byte[] d = image.data();
        int ps = image.pixelStride();
        int ss = image.scanlineStride();
        int ro = image.redOffset();
        int go = image.greenOffset();
        int bo = image.blueOffset();
        int q = 0;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                int p = sy * ss + sx * ps;
                if (bands == 1) {
                    out[q++] = d[p + ro];
                } else {
                    out[q++] = d[p + ro];
                    out[q++] = d[p + go];
                    out[q++] = d[p + bo];
                }
            }
        }
        return bands == 1 ? DecodedImage.gray(outW, outH, out) : DecodedImage.rgb(outW, outH, out);
    }
}
