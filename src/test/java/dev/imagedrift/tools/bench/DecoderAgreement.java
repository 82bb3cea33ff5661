package dev.imagedrift.tools.bench;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.image.JpegDecoding;
import dev.imagedrift.image.JpegScaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decodes every JPEG under the given folders with ImageIO and with TurboJPEG and compares every
 * sample: the pixel-equality check on the fidelity frames (the unit tests do the bundled photos
 * and the encoding variants). Prints one line per differing file and a summary; exit code 1 when
 * any file differs or TurboJPEG is not available.
 *
 * <pre>java -cp ... dev.imagedrift.tools.bench.DecoderAgreement DIR...</pre>
 */
public final class DecoderAgreement {
    private DecoderAgreement() {}

    public static void main(String[] args) throws IOException {
        JpegDecoding turbo = JpegDecoding.select(JpegDecoding.Preference.TURBOJPEG, JpegDecoding.DEFAULT_TURBOJPEG_JAR);
        ImageDecoder fast = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, ImageDecoder.DEFAULT_MAX_BYTES, turbo,
                JpegScaling.FULL);
        ImageDecoder slow = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, ImageDecoder.DEFAULT_MAX_BYTES,
                JpegDecoding.imageIo(), JpegScaling.FULL);
        int files = 0;
        int differing = 0;
        long pixels = 0;
        for (String dir : args) {
            for (Path file : jpegs(Path.of(dir))) {
                files++;
                try {
                    DecodedImage a = slow.decode(file);
                    DecodedImage b = fast.decode(file);
                    pixels += a.pixelCount();
                    String difference = difference(a, b);
                    if (difference != null) {
                        differing++;
                        System.out.println(file + ": " + difference);
                    }
                } catch (ImageRejected e) {
                    differing++;
                    System.out.println(file + ": " + e.getMessage());
                }
            }
        }
        System.out.printf("decoder agreement: %d of %d JPEG files (%,d pixels) decode to identical pixels with "
                + "ImageIO and TurboJPEG%n", files - differing, files, pixels);
        System.exit(differing == 0 && files > 0 ? 0 : 1);
    }

    static List<Path> jpegs(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return n.endsWith(".jpg") || n.endsWith(".jpeg");
            }).sorted().toList();
        }
    }

    /** Null when identical, else how many pixels differ and by how much at most. */
    private static String difference(DecodedImage a, DecodedImage b) {
        if (a.width() != b.width() || a.height() != b.height() || a.isGray() != b.isGray()) {
            return "size or colour differs: " + a.width() + "x" + a.height() + " vs " + b.width() + "x" + b.height();
        }
        long count = 0;
        int worst = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                int d = Math.max(Math.abs(a.red(x, y) - b.red(x, y)), Math.max(Math.abs(a.green(x, y) - b.green(x, y)),
                        Math.abs(a.blue(x, y) - b.blue(x, y))));
                if (d > 0) {
                    count++;
                    worst = Math.max(worst, d);
                }
            }
        }
        return count == 0 ? null : count + " pixels differ, by up to " + worst + " levels";
    }
}
