package dev.imagedrift.reference;

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
}
