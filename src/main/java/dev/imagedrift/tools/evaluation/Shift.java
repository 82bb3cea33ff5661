package dev.imagedrift.tools.evaluation;

import dev.imagedrift.image.BufferedImagePixels;
import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageCodec;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.image.ImageShifts;
import dev.imagedrift.properties.PropertySet;

import java.awt.image.BufferedImage;
import java.util.function.UnaryOperator;

/**
 * The graded pixel shifts of the evaluation, each a controlled change of every current image
 * (the reference side is never shifted). {@link #NONE} is the no-drift variant.
 */
public enum Shift {
    NONE("none", "No shift", image -> image),
    BRIGHTNESS_2("brightness+2", "Brightness +2 levels", image -> ImageShifts.addBrightness(image, 2)),
    BRIGHTNESS_4("brightness+4", "Brightness +4 levels", image -> ImageShifts.addBrightness(image, 4)),
    BRIGHTNESS_8("brightness+8", "Brightness +8 levels", image -> ImageShifts.addBrightness(image, 8)),
    BRIGHTNESS_16("brightness+16", "Brightness +16 levels", image -> ImageShifts.addBrightness(image, 16)),
    CONTRAST_10("contrast-10%", "Contrast pulled 10% toward the mean",
            image -> ImageShifts.pullContrastTowardMean(image, 0.10)),
    CONTRAST_30("contrast-30%", "Contrast pulled 30% toward the mean",
            image -> ImageShifts.pullContrastTowardMean(image, 0.30)),
    WARM_CAST("warm-cast", "Warm cast (red +10, blue -10 levels)", image -> ImageShifts.warmCast(image, 10)),
    RESOLUTION_80("resolution-80%", "Resolution: each side scaled to 80%", image -> ImageShifts.rescale(image, 0.8));

    private final String key;
    private final String label;
    private final UnaryOperator<BufferedImage> pixels;

    Shift(String key, String label, UnaryOperator<BufferedImage> pixels) {
        this.key = key;
        this.label = label;
        this.pixels = pixels;
    }

    /** Short stable name, used in file names, tables and the vector cache. */
    public String key() { return key; }

    public String label() { return label; }

    /**
     * The property vector of {@code image} after this shift. The shift works on an RGB copy, so
     * the input is never modified; {@link #NONE} measures the image as decoded.
     */
    public double[] measure(DecodedImage image, PropertySet properties, String name) {
        if (this == NONE) return properties.compute(image);
        BufferedImage shifted = pixels.apply(ImageCodec.toRgb(image));
        try {
            return properties.compute(BufferedImagePixels.view(shifted, name));
        } catch (ImageRejected e) {
            // The shifts always return 8-bit BGR images, which the view accepts.
            throw new IllegalStateException(name + ": shift " + key + " gave an unreadable image: " + e.getMessage(), e);
        }
    }
}
