package dev.imagedrift.properties;

import dev.imagedrift.image.DecodedImage;

/** Computes the seven built-in properties of one image in a single pass over its pixels. */
final class BuiltinPropertyKernel {
    private static final double RED_WEIGHT = 0.2125;
    private static final double GREEN_WEIGHT = 0.7154;
    private static final double BLUE_WEIGHT = 0.0721;

    private BuiltinPropertyKernel() {}

    /** Writes the seven values into out[0..6] in {@link BuiltinProperty} order. */
    static void compute(DecodedImage img, double[] out) {
        int w = img.width();
        int h = img.height();
        long n = img.pixelCount();
        out[0] = (double) h / w;
        out[1] = (double) n;
        byte[] d = img.data();
        int ps = img.pixelStride();
        int ss = img.scanlineStride();
        double sum = 0;
        double sumSq = 0;
        if (img.isGray()) {
            int go = img.grayOffset();
            for (int y = 0; y < h; y++) {
                int p = y * ss + go;
                for (int x = 0; x < w; x++, p += ps) {
                    double g = d[p] & 0xFF;
                    sum += g;
                    sumSq += g * g;
                }
            }
            double mean = sum / n;
            out[2] = mean;
            out[3] = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
            out[4] = Double.NaN;
            out[5] = Double.NaN;
            out[6] = Double.NaN;
            return;
        }
        int ro = img.redOffset();
        int go = img.greenOffset();
        int bo = img.blueOffset();
        double rel0 = 0;
        double rel1 = 0;
        double rel2 = 0;
        for (int y = 0; y < h; y++) {
            int p = y * ss;
            for (int x = 0; x < w; x++, p += ps) {
                int r = d[p + ro] & 0xFF;
                int g = d[p + go] & 0xFF;
                int b = d[p + bo] & 0xFF;
                double gray = RED_WEIGHT * r + GREEN_WEIGHT * g + BLUE_WEIGHT * b;
                sum += gray;
                sumSq += gray * gray;
                int s = r + g + b;
                if (s > 0) {
                    rel0 += (double) r / s;
                    rel1 += (double) g / s;
                    rel2 += (double) b / s;
                }
            }
        }
        double mean = sum / n;
        out[2] = mean;
        out[3] = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        out[4] = rel0 / n;
        out[5] = rel1 / n;
        out[6] = rel2 / n;
    }
}
