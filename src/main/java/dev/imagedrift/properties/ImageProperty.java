package dev.imagedrift.properties;

import dev.imagedrift.image.DecodedImage;

/**
 * One scalar property of an image. Implement this (and {@link ImagePropertyProvider}) to add a
 * custom property; it then flows through snapshots, detection and every output like the built-ins.
 */
public interface ImageProperty {
    /** Display name, unique within a {@link PropertySet}; also the key in snapshots and events. */
    String name();

    /** The value for one image, or {@code Double.NaN} when the property has no value for it. */
    double compute(DecodedImage image);
}
