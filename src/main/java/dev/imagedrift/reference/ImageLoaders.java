package dev.imagedrift.reference;

import dev.imagedrift.image.DecodeLimits;
import dev.imagedrift.image.ExifOrientation;
import dev.imagedrift.image.ImageDecoder;

/** Image loaders backed by the product's one decoder ({@link ImageDecoder}). */
public final class ImageLoaders {
    private ImageLoaders() {}

    /** Default limits: 50 megapixels, 64 MiB a file. */
    public static ImageLoader standard() {
        return ImageDecoder.withDefaults()::decode;
    }

    public static ImageLoader withLimits(long maxPixels, long maxBytes) {
        return new ImageDecoder(maxPixels, maxBytes)::decode;
    }

    /** A decoder with these limits and EXIF orientation setting (the service's, for a matching snapshot). */
    public static ImageLoader with(DecodeLimits limits, ExifOrientation orientation) {
        return new ImageDecoder(limits, orientation)::decode;
    }
}
