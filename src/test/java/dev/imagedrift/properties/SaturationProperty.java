package dev.imagedrift.properties;

import dev.imagedrift.image.DecodedImage;

/**
 * A custom property for the ServiceLoader test: mean HSV saturation, (max - min) / max per pixel
 * (0 for black), no value for gray images.
 */
public final class SaturationProperty implements ImageProperty {
    @Override
    public String name() {
        return "Saturation";
    }

    @Override
    public double compute(DecodedImage image) {
        if (image.isGray()) {
            return Double.NaN;
        }
        double sum = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int r = image.red(x, y);
                int g = image.green(x, y);
                int b = image.blue(x, y);
                int max = Math.max(r, Math.max(g, b));
                int min = Math.min(r, Math.min(g, b));
                sum += max == 0 ? 0 : (double) (max - min) / max;
            }
        }
        return sum / image.pixelCount();
    }
}
