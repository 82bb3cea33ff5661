package dev.imagedrift.image;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The TurboJPEG decoder for tests that compare it with ImageIO. Its absence fails the test: CI
 * installs it (.ci/run), so a missing binding must be seen, not skipped. Only with
 * {@code -Dimagedrift.test.turbojpeg=optional} (a machine without Debian's libturbojpeg-java and
 * libturbojpeg0-dev) are those tests skipped instead, and reported as skipped.
 */
public final class TurboJpegForTests {
    /** The system property that allows TurboJPEG to be absent. */
    public static final String OPTIONAL_PROPERTY = "imagedrift.test.turbojpeg";

    private TurboJpegForTests() {}

    /** TurboJPEG, or a failed (or, when allowed, skipped) test. */
    public static JpegDecoding required() {
        JpegDecoding auto = JpegDecoding.select(JpegDecoding.Preference.AUTO, JpegDecoding.DEFAULT_TURBOJPEG_JAR);
        if (auto.supportsReducedScale()) {
            return auto;
        }
        String why = "TurboJPEG is not available: " + auto.description();
        if ("optional".equals(System.getProperty(OPTIONAL_PROPERTY))) {
            Assumptions.abort(why + " (allowed by -D" + OPTIONAL_PROPERTY + "=optional)");
        }
        return fail(why + ". Install it (apt-get install libturbojpeg-java libturbojpeg0-dev, as .ci/run does) or run "
                + "with -D" + OPTIONAL_PROPERTY + "=optional to skip the TurboJPEG tests");
    }

    /** A full-size decoder with TurboJPEG. */
    public static ImageDecoder turboDecoder() {
        return new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, ImageDecoder.DEFAULT_MAX_BYTES, required(),
                JpegScaling.FULL);
    }

    /** A full-size decoder with ImageIO only. */
    public static ImageDecoder imageIoDecoder() {
        return new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, ImageDecoder.DEFAULT_MAX_BYTES,
                JpegDecoding.imageIo(), JpegScaling.FULL);
    }
}
