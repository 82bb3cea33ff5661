package dev.imagedrift.properties;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.ImageRejected;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fast kernel equals the plain reference calculator to 1e-9 on every committed sample image. */
class KernelFidelityTest {
    private static final double TOLERANCE = 1e-9;

    @Test
    void everySampleAndBenchImageMatchesTheReference() throws IOException, ImageRejected {
        ImageDecoder decoder = ImageDecoder.withDefaults();
        int checked = 0;
        double[] worst = new double[7];
        for (String folder : List.of("reference", "current", "current-brightened", "bench640")) {
            List<Path> files;
            try (Stream<Path> listing = Files.list(Path.of("samples", folder))) {
                files = listing.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            }
            for (Path file : files) {
                DecodedImage image = decoder.decode(file);
                double[] expected = ReferencePropertyCalculator.compute(image);
                double[] actual = PropertySet.defaults().compute(image);
                assertArrayEquals(expected, actual, TOLERANCE, file.toString());
                for (int i = 0; i < expected.length; i++) {
                    if (!Double.isNaN(expected[i])) {
                        worst[i] = Math.max(worst[i], Math.abs(expected[i] - actual[i]));
                    }
                }
                checked++;
            }
        }
        assertEquals(920, checked);
        System.out.println("kernel vs reference on " + checked + " images, largest difference per property: "
                + java.util.Arrays.toString(worst));
    }

    /**
     * Brightness and contrast against exact decimal arithmetic (the weights 0.2125, 0.7154, 0.0721
     * as decimals, no rounding until the square root): the kernel is exact up to its last
     * floating-point step, where the double reference above drifts by up to about 1e-10.
     */
    @Test
    void brightnessAndContrastAreExactOnRealPhotos() throws ImageRejected {
        ImageDecoder decoder = ImageDecoder.withDefaults();
        for (String name : List.of("bench-00.jpg", "bench-13.jpg", "bench-18.jpg")) {
            DecodedImage image = decoder.decode(Path.of("samples", "bench640", name));
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal squares = BigDecimal.ZERO;
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    BigDecimal gray = new BigDecimal("0.2125").multiply(BigDecimal.valueOf(image.red(x, y)))
                            .add(new BigDecimal("0.7154").multiply(BigDecimal.valueOf(image.green(x, y))))
                            .add(new BigDecimal("0.0721").multiply(BigDecimal.valueOf(image.blue(x, y))));
                    sum = sum.add(gray);
                    squares = squares.add(gray.multiply(gray));
                }
            }
            BigDecimal n = BigDecimal.valueOf(image.pixelCount());
            MathContext precise = new MathContext(40);
            BigDecimal mean = sum.divide(n, precise);
            BigDecimal variance = squares.divide(n, precise).subtract(mean.multiply(mean));
            double[] actual = PropertySet.defaults().compute(image);
            assertEquals(mean.doubleValue(), actual[2], 1e-13, name + " brightness");
            assertEquals(variance.sqrt(precise).doubleValue(), actual[3], 1e-13, name + " contrast");
        }
    }
}
