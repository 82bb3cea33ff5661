package dev.imagedrift.properties;

import dev.imagedrift.image.DecodedImage;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fast kernel against the reference calculator on random pixels in every layout it has a
 * loop for (pixel strides 1 to 5, padded rows, images bigger than one chunk): equal to 1e-9.
 */
class KernelLayoutTest {
    private static final double TOLERANCE = 1e-9;
    private final Random random = new Random(20240611);

    private void assertMatchesReference(DecodedImage image) {
        assertArrayEquals(ReferencePropertyCalculator.compute(image), PropertySet.defaults().compute(image),
                TOLERANCE, () -> image.width() + "x" + image.height() + " stride " + image.pixelStride());
    }

    /** Random samples in a buffer with the given pixel stride and row padding. */
    private byte[] randomBuffer(int width, int height, int pixelStride, int rowPadding) {
        byte[] data = new byte[height * (width * pixelStride + rowPadding)];
        random.nextBytes(data);
        return data;
    }

    @Test
    void bgrLikeTheJpegDecoderProduces() {
        assertMatchesReference(DecodedImage.color(64, 48, randomBuffer(64, 48, 3, 0), 3, 192, 2, 1, 0));
    }

    @Test
    void abgrLikeAnRgbaPngDecodes() {
        assertMatchesReference(DecodedImage.color(31, 17, randomBuffer(31, 17, 4, 0), 4, 124, 3, 2, 1));
    }

    @Test
    void oddPixelStrideAndPaddedRows() {
        assertMatchesReference(DecodedImage.color(29, 13, randomBuffer(29, 13, 5, 7), 5, 29 * 5 + 7, 4, 0, 2));
        assertMatchesReference(DecodedImage.color(29, 13, randomBuffer(29, 13, 3, 5), 3, 29 * 3 + 5, 0, 1, 2));
    }

    @Test
    void grayPackedWithAlphaAndPadded() {
        assertMatchesReference(DecodedImage.gray(40, 30, randomBuffer(40, 30, 1, 0)));
        assertMatchesReference(DecodedImage.gray(40, 30, randomBuffer(40, 30, 2, 0), 2, 80, 0));
        assertMatchesReference(DecodedImage.gray(40, 30, randomBuffer(40, 30, 1, 9), 1, 49, 0));
    }

    @Test
    void imagesLargerThanOneChunk() {
        // 700 x 500 = 350,000 pixels > 2^18, packed and padded; a single row wider than a chunk.
        assertMatchesReference(DecodedImage.color(700, 500, randomBuffer(700, 500, 3, 0), 3, 2100, 2, 1, 0));
        assertMatchesReference(DecodedImage.color(700, 500, randomBuffer(700, 500, 3, 3), 3, 2103, 2, 1, 0));
        assertMatchesReference(DecodedImage.color(300_000, 2, randomBuffer(300_000, 2, 3, 1), 3, 900_001, 0, 1, 2));
        assertMatchesReference(DecodedImage.gray(700, 500, randomBuffer(700, 500, 1, 0)));
    }

    @Test
    void mostlyBlackImageCountsBlackPixelsExactly() {
        // 99% black: the blue share comes from the non-black count, so a miscount would show.
        byte[] data = new byte[3 * 100 * 100];
        for (int p = 0; p < 100; p++) {
            data[3 * p * 97] = (byte) (1 + random.nextInt(255));
            data[3 * p * 97 + 2] = (byte) random.nextInt(256);
        }
        DecodedImage image = DecodedImage.rgb(100, 100, data);
        assertMatchesReference(image);
        double[] v = PropertySet.defaults().compute(image);
        assertEquals(100 / 10_000.0, v[4] + v[5] + v[6], TOLERANCE);
    }

    @Test
    void saturatedExtremesOfTheReciprocalTable() {
        // s = 1 (the largest reciprocal) and s = 765 (white) in every position.
        DecodedImage image = DecodedImage.rgb(4, 1, new byte[] {1, 0, 0, 0, 1, 0, 0, 0, 1, -1, -1, -1});
        assertMatchesReference(image);
    }
}
