package dev.imagedrift.properties;

import dev.imagedrift.image.DecodedImage;

/**
 * The seven properties computed the plain way, straight from their definitions: per pixel, in
 * doubles, a division per pixel, a two-pass variance. Slow and obviously right; the fast kernel
 * is tested against it.
 */
public final class ReferencePropertyCalculator {
    private ReferencePropertyCalculator() {}

    public static double[] compute(DecodedImage img) {
        int w = img.width();
        int h = img.height();
        double n = (double) w * h;
        double[] gray = new double[w * h];
        double redShare = 0;
        double greenShare = 0;
        double blueShare = 0;
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i++) {
                int r = img.red(x, y);
                int g = img.green(x, y);
                int b = img.blue(x, y);
                gray[i] = img.isGray() ? r : 0.2125 * r + 0.7154 * g + 0.0721 * b;
                int s = r + g + b;
                if (s > 0) {
                    redShare += (double) r / s;
                    greenShare += (double) g / s;
                    blueShare += (double) b / s;
                }
            }
        }
        double sum = 0;
        for (double v : gray) {
            sum += v;
        }
        double mean = sum / n;
        double squaredDeviations = 0;
        for (double v : gray) {
            squaredDeviations += (v - mean) * (v - mean);
        }
        boolean colour = !img.isGray();
        return new double[] {
                (double) h / w,
                n,
                mean,
                Math.sqrt(squaredDeviations / n),
                colour ? redShare / n : Double.NaN,
                colour ? greenShare / n : Double.NaN,
                colour ? blueShare / n : Double.NaN,
        };
    }
}
