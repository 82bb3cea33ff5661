package dev.imagedrift.tools.bench;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.image.JpegDecoding;
import dev.imagedrift.image.JpegScaling;
import dev.imagedrift.properties.PropertySet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How far fast mode's values are from the exact ones, next to how far the reference check's own
 * 10,000-pixel sampling (uniform, with replacement) is from them, per property, on real JPEGs.
 * Exact values: every pixel of the full-size decode. Sampled: the same decoded pixels, 10,000
 * drawn with replacement (seeded per image), the properties computed on them as on an image.
 * Prints a Markdown table: mean signed error (bias), mean absolute, RMS and largest absolute error.
 *
 * <pre>java -cp ... dev.imagedrift.tools.bench.FastModeError DIR...</pre>
 */
public final class FastModeError {
    static final int SAMPLED_PIXELS = 10_000;
    private static final String[] NAMES = {"Brightness", "RMS Contrast", "Mean Red Relative Intensity",
            "Mean Green Relative Intensity", "Mean Blue Relative Intensity"};
    private static final int FIRST = 2; // Brightness: the first pixel property

    private FastModeError() {}

    public static void main(String[] args) throws IOException, ImageRejected {
        JpegDecoding turbo = JpegDecoding.select(JpegDecoding.Preference.TURBOJPEG, JpegDecoding.DEFAULT_TURBOJPEG_JAR);
        ImageDecoder exact = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, ImageDecoder.DEFAULT_MAX_BYTES, turbo,
                JpegScaling.FULL);
        // -Dfast.minPixels=N tries another floor than the product's.
        long floor = Long.getLong("fast.minPixels", JpegScaling.FAST_MIN_PIXELS);
        ImageDecoder fast = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, ImageDecoder.DEFAULT_MAX_BYTES, turbo,
                JpegScaling.atLeast(floor));
        PropertySet properties = PropertySet.defaults();
        List<double[]> fastErrors = new ArrayList<>();
        List<double[]> sampledErrors = new ArrayList<>();
        int images = 0;
        int shapeMismatches = 0;
        for (String dir : args) {
            for (Path file : DecoderAgreement.jpegs(Path.of(dir))) {
                DecodedImage full = exact.decode(file);
                if (full.isGray()) {
                    continue; // the relative intensities have no value: compared on colour images only
                }
                double[] e = properties.compute(full);
                double[] f = properties.compute(fast.decode(file));
                double[] s = properties.compute(sample(full, new SplittableRandom(images)));
                if (f[0] != e[0] || f[1] != e[1]) {
                    shapeMismatches++;
                }
                fastErrors.add(difference(f, e));
                sampledErrors.add(difference(s, e));
                images++;
            }
        }
        System.out.printf(Locale.ROOT, "%d colour JPEGs, fast mode keeping at least %d pixels; area and aspect ratio "
                + "differ from the full image's in %d%n%n", images, floor, shapeMismatches);
        System.out.println("| property | method | bias (mean error) | mean abs error | RMS error | largest abs error |");
        System.out.println("|---|---|---|---|---|---|");
        for (int p = 0; p < NAMES.length; p++) {
            row(NAMES[p], "fast mode", fastErrors, p);
            row(NAMES[p], "10,000 sampled pixels", sampledErrors, p);
        }
    }

    private static double[] difference(double[] approx, double[] exact) {
        double[] d = new double[NAMES.length];
        for (int p = 0; p < d.length; p++) {
            d[p] = approx[FIRST + p] - exact[FIRST + p];
        }
        return d;
    }

    private static void row(String name, String method, List<double[]> errors, int p) {
        double sum = 0;
        double abs = 0;
        double squares = 0;
        double worst = 0;
        for (double[] e : errors) {
            sum += e[p];
            abs += Math.abs(e[p]);
            squares += e[p] * e[p];
            worst = Math.max(worst, Math.abs(e[p]));
        }
        int n = errors.size();
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", name, method, fmt(sum / n), fmt(abs / n),
                fmt(Math.sqrt(squares / n)), fmt(worst));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 0.01 || v == 0 ? "%.3f" : "%.2e", v);
    }

    /** 10,000 pixels of the image drawn uniformly with replacement, as a 10,000 x 1 RGB image. */
    static DecodedImage sample(DecodedImage image, SplittableRandom random) {
        byte[] out = new byte[3 * SAMPLED_PIXELS];
        int w = image.width();
        long n = image.pixelCount();
        for (int i = 0; i < SAMPLED_PIXELS; i++) {
            long k = random.nextLong(n);
            int x = (int) (k % w);
            int y = (int) (k / w);
            out[3 * i] = (byte) image.red(x, y);
            out[3 * i + 1] = (byte) image.green(x, y);
            out[3 * i + 2] = (byte) image.blue(x, y);
        }
        return DecodedImage.rgb(SAMPLED_PIXELS, 1, out);
    }
}
