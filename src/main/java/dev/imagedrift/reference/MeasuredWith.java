package dev.imagedrift.reference;

import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.properties.PropertiesMode;

import java.util.Objects;

/**
 * How a snapshot's rows were measured: the properties mode (which decides comparability) and the
 * JPEG decoder (for the record: in exact mode both decoders give the same pixels).
 *
 * @param mode    exact or fast
 * @param decoder {@code turbojpeg}, {@code imageio}, or null when not recorded (snapshots written
 *                before the field existed, which were all exact)
 */
public record MeasuredWith(PropertiesMode mode, String decoder) {
    /** What a snapshot without the fields was measured with. */
    public static final MeasuredWith UNRECORDED_EXACT = new MeasuredWith(PropertiesMode.EXACT, null);

    public MeasuredWith {
        Objects.requireNonNull(mode, "mode");
    }

    /** How {@code decoder} measures: the mode its JPEG scaling belongs to, and its JPEG decoder. */
    public static MeasuredWith of(ImageDecoder decoder) {
        for (PropertiesMode mode : PropertiesMode.values()) {
            if (mode.jpegScaling() == decoder.scaling()) {
                return new MeasuredWith(mode, decoder.jpegDecoding().name());
            }
        }
        throw new IllegalArgumentException("no properties mode decodes JPEG with scaling " + decoder.scaling());
    }

    /**
     * Checks that rows measured like this can be compared with rows measured in {@code other} mode.
     *
     * @param what  names these rows in the message (a file, a directory)
     * @param other how the other side is (or will be) measured, and how to change it
     * @throws PropertiesModeMismatch when the modes differ
     */
    public void requireComparable(String what, PropertiesMode otherMode, String other) {
        if (mode != otherMode) {
            throw new PropertiesModeMismatch(what + " was measured in " + mode.code() + " mode, but " + other
                    + " in " + otherMode.code() + " mode; values of the two modes are not comparable (fast mode "
                    + "measures JPEG at reduced scale). Measure both sides in the same mode: rebuild the snapshot "
                    + (mode == PropertiesMode.FAST ? "without" : "with") + " --fast, or change the mode of the other side");
        }
    }

    /** Two sides measured in different properties modes. */
    public static final class PropertiesModeMismatch extends IllegalArgumentException {
        public PropertiesModeMismatch(String message) {
            super(message);
        }
    }
}
