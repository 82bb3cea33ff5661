package dev.imagedrift.cli;

import dev.imagedrift.image.DecodeLimits;
import dev.imagedrift.image.ExifOrientation;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.reference.ImageLoader;
import dev.imagedrift.reference.ImageLoaders;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The decoder's safety limits as options, shared by the commands that read image files; defaults from the decoder. */
final class ImageLimitOptions {
    @Option(names = "--max-pixels", paramLabel = "N",
            description = "Refuse images larger than this many pixels, read from their header (default: ${DEFAULT-VALUE}).")
    long maxPixels = ImageDecoder.DEFAULT_MAX_PIXELS;

    @Option(names = "--max-bytes", paramLabel = "N",
            description = "Refuse image files larger than this many bytes, unread (default: ${DEFAULT-VALUE}).")
    long maxBytes = ImageDecoder.DEFAULT_MAX_BYTES;

    @Option(names = "--max-decode-bytes", paramLabel = "N",
            description = "Refuse images whose decoding would take more than this many bytes, estimated from "
                    + "their header (default: a quarter of the heap).")
    Long maxDecodeBytes;

    @Option(names = "--exif-orientation", paramLabel = "ignore|apply",
            description = "Rotate images by their EXIF orientation before measuring them, or not (default: "
                    + "${DEFAULT-VALUE}, as the reference check). Use the service's images.exif-orientation.")
    String exifOrientation = ExifOrientation.IGNORE.id();

    /** The image loader with these limits (the default JPEG decoder, exact mode); usage errors name the option. */
    ImageLoader loader(CommandSpec spec) {
        return ImageLoaders.with(decodeLimits(spec), orientation(spec));
    }

    /** The decoder's limits from these options; a usage error names the option that is out of range. */
    DecodeLimits decodeLimits(CommandSpec spec) {
        if (maxPixels < 1 || maxPixels > ImageDecoder.MAX_SUPPORTED_PIXELS) {
            throw new ParameterException(spec.commandLine(), "--max-pixels must be in 1.."
                    + ImageDecoder.MAX_SUPPORTED_PIXELS + ", got " + maxPixels);
        }
        if (maxBytes < 1) {
            throw new ParameterException(spec.commandLine(), "--max-bytes must be positive, got " + maxBytes);
        }
        if (maxDecodeBytes != null && maxDecodeBytes < 1) {
            throw new ParameterException(spec.commandLine(), "--max-decode-bytes must be positive, got " + maxDecodeBytes);
        }
        DecodeLimits limits = DecodeLimits.defaults().withMaxPixels(maxPixels).withMaxEncodedBytes(maxBytes);
        return maxDecodeBytes == null ? limits : limits.withMaxDecodeBytes(maxDecodeBytes);
    }

    /** The EXIF orientation setting; a usage error when it is neither ignore nor apply. */
    ExifOrientation orientation(CommandSpec spec) {
        try {
            return ExifOrientation.of(exifOrientation);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--exif-orientation must be ignore or apply, got "
                    + exifOrientation);
        }
    }
}
