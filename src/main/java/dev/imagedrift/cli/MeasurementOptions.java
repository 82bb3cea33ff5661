package dev.imagedrift.cli;

import dev.imagedrift.image.DecodeLimits;
import dev.imagedrift.image.DecodeMemory;
import dev.imagedrift.image.ExifOrientation;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.JpegDecoding;
import dev.imagedrift.image.JpegScaling;
import dev.imagedrift.properties.PropertiesMode;
import dev.imagedrift.reference.ImageLoader;
import dev.imagedrift.reference.ImageLoaders;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;

/** How the commands that read images measure them: properties mode and JPEG decoder (a picocli mixin). */
final class MeasurementOptions {
    @Option(names = "--fast",
            description = "Fast mode: JPEG is decoded at reduced scale (1/2, 1/4 or 1/8 a side, keeping at least "
                    + JpegScaling.FAST_MIN_PIXELS + " pixels) by libjpeg-turbo; Brightness and the relative "
                    + "intensities stay within the reference check's own sampling error, RMS Contrast reads low. "
                    + "Needs TurboJPEG. Compare only with snapshots made in the same mode.")
    boolean fast;

    @Option(names = "--jpeg-decoder", paramLabel = "auto|turbojpeg|imageio", defaultValue = "auto",
            description = "JPEG decoder: auto (TurboJPEG when it loads, else ImageIO), turbojpeg (fail without it) "
                    + "or imageio (default: ${DEFAULT-VALUE}).")
    String jpegDecoder;

    @Option(names = "--turbojpeg-jar", paramLabel = "FILE", defaultValue = JpegDecoding.DEFAULT_TURBOJPEG_JAR_PATH,
            description = "The TurboJPEG binding's jar, when it is not on the class path (default: ${DEFAULT-VALUE}, "
                    + "from Debian's libturbojpeg-java with libturbojpeg0-dev).")
    Path turbojpegJar;

    PropertiesMode mode() {
        return fast ? PropertiesMode.FAST : PropertiesMode.EXACT;
    }

    /** The JPEG decoder asked for; usage errors when it cannot be had. */
    JpegDecoding decoding(CommandSpec spec) {
        JpegDecoding.Preference preference;
        try {
            preference = JpegDecoding.Preference.parse(jpegDecoder);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--jpeg-decoder: " + e.getMessage());
        }
        if (fast && preference == JpegDecoding.Preference.IMAGEIO) {
            throw new ParameterException(spec.commandLine(), "--fast needs the TurboJPEG decoder, not --jpeg-decoder imageio");
        }
        JpegDecoding decoding;
        try {
            decoding = JpegDecoding.select(preference, turbojpegJar);
        } catch (IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (fast && !decoding.supportsReducedScale()) {
            throw new ParameterException(spec.commandLine(), "--fast needs the TurboJPEG decoder, which is not "
                    + "available: " + decoding.description());
        }
        return decoding;
    }

    /** A loader measuring in this mode with the chosen decoder and these limits. */
    ImageLoader loader(CommandSpec spec, ImageLimitOptions limits) {
        return ImageLoaders.of(decoder(spec, limits), mode());
    }

    /** A decoder (of files or events) in this mode with the chosen JPEG decoder and these limits. */
    ImageDecoder decoder(CommandSpec spec, ImageLimitOptions limits) {
        DecodeLimits decodeLimits = limits.decodeLimits(spec);
        ExifOrientation orientation = limits.orientation(spec);
        return new ImageDecoder(decodeLimits, orientation, DecodeMemory.shared(), decoding(spec), mode().jpegScaling());
    }
}
