package dev.imagedrift.properties;

import dev.imagedrift.image.DecodedImage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each built-in property on tiny hand-built images whose values are worked out by hand. */
class BuiltinPropertiesTest {
    /** The kernel's own error bound is 1.4e-12 (fixed-point reciprocals); everything else is exact. */
    private static final double EXACT = 2e-12;
    private static final PropertySet PROPERTIES = PropertySet.defaults();

    private static double[] of(DecodedImage image) {
        return PROPERTIES.compute(image);
    }

    /** A packed RGB image from r,g,b triples, row by row. */
    private static DecodedImage rgb(int width, int height, int... samples) {
        byte[] data = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            data[i] = (byte) samples[i];
        }
        return DecodedImage.rgb(width, height, data);
    }

    private static DecodedImage uniform(int width, int height, int r, int g, int b) {
        int[] samples = new int[3 * width * height];
        for (int i = 0; i < samples.length; i += 3) {
            samples[i] = r;
            samples[i + 1] = g;
            samples[i + 2] = b;
        }
        return rgb(width, height, samples);
    }

    @Test
    void blackPixelHasZeroBrightnessAndCountsZeroForEveryShare() {
        double[] v = of(rgb(1, 1, 0, 0, 0));
        assertArrayEquals(new double[] {1, 1, 0, 0, 0, 0, 0}, v, EXACT);
    }

    @Test
    void pureRedGreenBlueAndWhite() {
        assertArrayEquals(new double[] {1, 1, 0.2125 * 255, 0, 1, 0, 0}, of(rgb(1, 1, 255, 0, 0)), EXACT);
        assertArrayEquals(new double[] {1, 1, 0.7154 * 255, 0, 0, 1, 0}, of(rgb(1, 1, 0, 255, 0)), EXACT);
        assertArrayEquals(new double[] {1, 1, 0.0721 * 255, 0, 0, 0, 1}, of(rgb(1, 1, 0, 0, 255)), EXACT);
        assertArrayEquals(new double[] {1, 1, 255, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3}, of(rgb(1, 1, 255, 255, 255)), EXACT);
    }

    @Test
    void mixedPixelSharesAreChannelOverSum() {
        // 10 + 20 + 30 = 60: shares 1/6, 1/3, 1/2; gray 2.125 + 14.308 + 2.163
        double[] v = of(rgb(1, 1, 10, 20, 30));
        assertArrayEquals(new double[] {1, 1, 18.596, 0, 1.0 / 6, 1.0 / 3, 0.5}, v, EXACT);
    }

    @Test
    void nonSquareImageGivesHeightOverWidthAndArea() {
        double[] v = of(uniform(3, 2, 50, 50, 50));
        assertEquals(2.0 / 3, v[0], EXACT);
        assertEquals(6, v[1], EXACT);
        double[] tall = of(uniform(2, 5, 50, 50, 50));
        assertEquals(2.5, tall[0], EXACT);
        assertEquals(10, tall[1], EXACT);
    }

    @Test
    void blackPixelAmongOthersStillCountsInTheMean() {
        // black and pure red: red share (0 + 1) / 2; gray values 0 and 54.1875
        double[] v = of(rgb(2, 1, 0, 0, 0, 255, 0, 0));
        assertArrayEquals(new double[] {0.5, 2, 27.09375, 27.09375, 0.5, 0, 0}, v, EXACT);
    }

    @Test
    void twoByTwoContrastIsThePopulationStandardDeviation() {
        // gray values 0, 255 (white), 54.1875 (red), 182.427 (green): mean 122.90362...
        double[] v = of(rgb(2, 2, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255, 0));
        double mean = (0 + 255 + 54.1875 + 182.427) / 4;
        double variance = (sq(0 - mean) + sq(255 - mean) + sq(54.1875 - mean) + sq(182.427 - mean)) / 4;
        assertEquals(mean, v[2], EXACT);
        assertEquals(Math.sqrt(variance), v[3], EXACT);
        assertEquals((0 + 1.0 / 3 + 1 + 0) / 4, v[4], EXACT);
        assertEquals((0 + 1.0 / 3 + 0 + 1) / 4, v[5], EXACT);
        assertEquals((0 + 1.0 / 3 + 0 + 0) / 4, v[6], EXACT);
    }

    @Test
    void grayscaleUsesRawValuesAndHasNoRelativeIntensities() {
        DecodedImage gray = DecodedImage.gray(2, 2, new byte[] {0, 100, (byte) 200, (byte) 255});
        double[] v = of(gray);
        // mean 555 / 4; squared deviations 19251.5625 + 1501.5625 + 3751.5625 + 13514.0625
        assertEquals(1, v[0], EXACT);
        assertEquals(4, v[1], EXACT);
        assertEquals(138.75, v[2], EXACT);
        assertEquals(Math.sqrt(38018.75 / 4), v[3], EXACT);
        assertTrue(Double.isNaN(v[4]) && Double.isNaN(v[5]) && Double.isNaN(v[6]), "gray has no shares");
    }

    @Test
    void uniformImageHasContrastExactlyZero() {
        assertEquals(0.0, of(uniform(7, 5, 13, 200, 77))[3]);
        // Large and bright: the textbook E[x^2] - E[x]^2 in doubles would leave rounding noise here.
        assertEquals(0.0, of(uniform(1000, 700, 251, 253, 249))[3]);
        assertEquals(0.0, of(DecodedImage.gray(3, 3, filled(9, 77)))[3]);
        double[] v = of(uniform(7, 5, 13, 200, 77));
        assertEquals(0.2125 * 13 + 0.7154 * 200 + 0.0721 * 77, v[2], EXACT);
        assertEquals(13.0 / 290, v[4], EXACT);
        assertEquals(200.0 / 290, v[5], EXACT);
        assertEquals(77.0 / 290, v[6], EXACT);
    }

    @Test
    void nearUniformImageKeepsItsTinyContrast() {
        // One pixel of 1000x1000 is one level brighter: sd = sqrt(p (1 - p)) with p = 1e-6.
        byte[] gray = filled(1_000_000, 200);
        gray[123_456] = (byte) 201;
        double p = 1e-6;
        assertEquals(Math.sqrt(p * (1 - p)), of(DecodedImage.gray(1000, 1000, gray))[3], 1e-15);
    }

    @Test
    void alphaChannelIsIgnored() {
        // RGBA with alpha 0, 128 and 255 gives the same values as the same RGB pixels.
        DecodedImage rgba = DecodedImage.color(3, 1, bytes(10, 20, 30, 0, 200, 100, 50, 128, 0, 0, 0, 255),
                4, 12, 0, 1, 2);
        DecodedImage rgb = rgb(3, 1, 10, 20, 30, 200, 100, 50, 0, 0, 0);
        assertArrayEquals(of(rgb), of(rgba), 0.0);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static double sq(double x) {
        return x * x;
    }
}
