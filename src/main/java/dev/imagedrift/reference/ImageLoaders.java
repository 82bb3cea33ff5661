package dev.imagedrift.reference;

import dev.imagedrift.image.DecodeLimits;
import dev.imagedrift.image.ExifOrientation;
import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.properties.PropertiesMode;
import dev.imagedrift.properties.PropertySet;

import java.nio.file.Path;

/** Image loaders backed by the product's one decoder ({@link ImageDecoder}). */
public final class ImageLoaders {
    private ImageLoaders() {}

    /** Default limits (50 megapixels, 64 MiB a file), the default JPEG decoder, exact mode. */
    public static ImageLoader standard() {
        return of(ImageDecoder.withDefaults(), PropertiesMode.EXACT);
    }

    /** The default JPEG decoder, exact mode, these limits. */
    public static ImageLoader withLimits(long maxPixels, long maxBytes) {
        return of(new ImageDecoder(maxPixels, maxBytes), PropertiesMode.EXACT);
    }

    /**
     * A loader on {@code decoder}, whose JPEG scaling must be that of {@code mode}.
     *
     * @throws IllegalArgumentException when the decoder's scaling is not the mode's
     */
    public static ImageLoader of(ImageDecoder decoder, PropertiesMode mode) {
        if (decoder.scaling() != mode.jpegScaling()) {
            throw new IllegalArgumentException("a decoder with JPEG scaling " + decoder.scaling()
                    + " does not measure in " + mode.code() + " mode");
        }
        MeasuredWith measuredWith = MeasuredWith.of(decoder);
        return new ImageLoader() {
            @Override
            public DecodedImage load(Path file) throws ImageRejected {
                return decoder.decode(file);
            }

            @Override
            public double[] measure(Path file, PropertySet properties) throws ImageRejected {
                return decoder.decodeTransiently(file, properties::compute);
            }

            @Override
            public MeasuredWith measuredWith() {
                return measuredWith;
            }
        };
    }

    /** A decoder with these limits and EXIF orientation setting (the service's, for a matching snapshot). */
    public static ImageLoader with(DecodeLimits limits, ExifOrientation orientation) {
        return of(new ImageDecoder(limits, orientation), PropertiesMode.EXACT);
    }
}
