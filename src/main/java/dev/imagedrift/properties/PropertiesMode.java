package dev.imagedrift.properties;

import dev.imagedrift.image.JpegScaling;

import java.util.Locale;

/**
 * How the properties of a JPEG are measured. Values measured in one mode are only comparable
 * with values measured in the same mode: a snapshot records its mode, and whatever compares a
 * reference with current images refuses a mismatch.
 */
public enum PropertiesMode {
    /** Every pixel of the full-size image (the default; the reference check's definitions, exactly). */
    EXACT(JpegScaling.FULL),
    /**
     * JPEG decoded at reduced scale by libjpeg-turbo's DCT scaling ({@link JpegScaling#FAST}):
     * Brightness and the relative intensities stay within the reference check's own sampling
     * error, RMS Contrast is biased low (the finest detail is averaged away), Area and Aspect Ratio
     * are those of the full image. Other formats are measured whole. Needs TurboJPEG.
     */
    FAST(JpegScaling.FAST);

    private final JpegScaling jpegScaling;

    PropertiesMode(JpegScaling jpegScaling) {
        this.jpegScaling = jpegScaling;
    }

    /** How JPEG is decoded in this mode. */
    public JpegScaling jpegScaling() {
        return jpegScaling;
    }

    /** "exact" or "fast": the value of {@code properties.mode} and of a snapshot's {@code propertiesMode}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From {@link #code()}, case-insensitive. */
    public static PropertiesMode parse(String value) {
        for (PropertiesMode m : values()) {
            if (m.code().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a properties mode: use exact or fast");
    }
}
