package dev.imagedrift.image;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Which decoder reads JPEG: libjpeg-turbo through its TurboJPEG binding when it can be loaded
 * (about 4 times faster than the JDK's decoder on these machines, same pixels), else ImageIO, the
 * pure-Java fallback that ships with every JDK. The choice is made once and named in the startup
 * log, in snapshot and check reports ({@code decoder}) and in the metric
 * {@code imagedrift_decoder_info}, so nobody runs the slow path without knowing.
 */
public final class JpegDecoding {
    private static final Logger LOG = LoggerFactory.getLogger(JpegDecoding.class);

    /** The {@code decoder} name of libjpeg-turbo's binding. */
    public static final String TURBOJPEG = "turbojpeg";
    /** The {@code decoder} name of the JDK's ImageIO decoder. */
    public static final String IMAGEIO = "imageio";
    /** Where the TurboJPEG jar is looked for when the class path has no binding (Debian's libturbojpeg-java). */
    public static final String DEFAULT_TURBOJPEG_JAR_PATH = TurboJpegBinding.DEFAULT_JAR_PATH;
    /** {@link #DEFAULT_TURBOJPEG_JAR_PATH} as a path. */
    public static final Path DEFAULT_TURBOJPEG_JAR = TurboJpegBinding.DEFAULT_JAR;

    /** What the configuration asks for ({@code images.jpeg-decoder}, {@code --jpeg-decoder}). */
    public enum Preference {
        /** TurboJPEG when it loads, else ImageIO (logged). */
        AUTO,
        /** TurboJPEG or fail at start-up: for deployments and benchmarks that must not run the slow path. */
        TURBOJPEG,
        /** ImageIO only. */
        IMAGEIO;

        /** "auto", "turbojpeg" or "imageio", case-insensitive. */
        public static Preference parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("'" + value + "' is not a JPEG decoder: use auto, turbojpeg or imageio");
            }
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static volatile JpegDecoding automatic;

    private final TurboJpegDecoder turbo;
    private final String description;

    private JpegDecoding(TurboJpegDecoder turbo, String description) {
        this.turbo = turbo;
        this.description = description;
    }

    /** The default: TurboJPEG from the class path or {@link #DEFAULT_TURBOJPEG_JAR}, else ImageIO (found once per JVM). */
    public static JpegDecoding automatic() {
        JpegDecoding a = automatic;
        if (a == null) {
            synchronized (JpegDecoding.class) {
                if (automatic == null) {
                    automatic = select(Preference.AUTO, DEFAULT_TURBOJPEG_JAR);
                }
                a = automatic;
            }
        }
        return a;
    }

    /** ImageIO for every JPEG. */
    public static JpegDecoding imageIo() {
        return new JpegDecoding(null, "the JDK's ImageIO JPEG decoder (libjpeg 6b, no SIMD)");
    }

    /**
     * The decoder {@code preference} asks for.
     *
     * @param jar where to look for the TurboJPEG jar when the class path has no binding
     * @throws IllegalStateException when TurboJPEG is required and cannot be loaded (the message says why)
     */
    public static JpegDecoding select(Preference preference, Path jar) {
        Objects.requireNonNull(preference, "preference");
        if (preference == Preference.IMAGEIO) {
            return imageIo();
        }
        TurboJpegBinding.Loaded loaded = TurboJpegBinding.load(jar);
        if (loaded.binding() != null) {
            return new JpegDecoding(new TurboJpegDecoder(loaded.binding()),
                    "libjpeg-turbo (TurboJPEG binding from " + loaded.binding().origin + ")");
        }
        if (preference == Preference.TURBOJPEG) {
            throw new IllegalStateException("the TurboJPEG decoder was required but cannot be used: " + loaded.problem());
        }
        LOG.warn("JPEG decoding falls back to ImageIO, about 4x slower: {}", loaded.problem());
        JpegDecoding fallback = imageIo();
        return new JpegDecoding(null, fallback.description + "; TurboJPEG unavailable: " + loaded.problem());
    }

    /** {@link #TURBOJPEG} or {@link #IMAGEIO}. */
    public String name() {
        return turbo != null ? TURBOJPEG : IMAGEIO;
    }

    /** One line for logs and reports: the decoder, where it came from, and why when it is the fallback. */
    public String description() {
        return description;
    }

    /** Whether JPEG can be decoded at reduced scale (fast mode needs libjpeg-turbo's DCT scaling). */
    public boolean supportsReducedScale() {
        return turbo != null;
    }

    /** The TurboJPEG decoder, or null when ImageIO reads JPEG. */
    TurboJpegDecoder turbo() {
        return turbo;
    }

    @Override
    public String toString() {
        return name() + ": " + description;
    }
}
