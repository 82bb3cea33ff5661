package dev.imagedrift.image;

import dev.imagedrift.properties.PropertySet;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each shift on tiny images whose results are worked out by hand. */
class ImageShiftsTest {
    private static BufferedImage pixels(int... rgb) {
        return TestImages.image(BufferedImage.TYPE_INT_RGB, rgb.length, 1, (x, y) -> rgb[x]);
    }

    private static List<Integer> rgbAt(BufferedImage image, int x) throws ImageRejected {
        DecodedImage view = BufferedImagePixels.view(image, "shifted");
        return List.of(view.red(x, 0), view.green(x, 0), view.blue(x, 0));
    }

    @Test
    void brightenLikeSeedAddsTruncatedThirtyOnePercentOfTheHeadroom() throws ImageRejected {
        // 0 + int(0.31 * 255) = 79; 100 + int(0.31 * 155) = 148; 255 stays; 200 + int(17.05) = 217
        BufferedImage out = ImageShifts.brightenLikeSeed(pixels(0x0064FF, 0xC8C8C8));
        assertEquals(List.of(79, 148, 255), rgbAt(out, 0));
        assertEquals(List.of(217, 217, 217), rgbAt(out, 1));
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, out.getType());
    }

    @Test
    void shiftsLeaveTheirInputUntouched() {
        BufferedImage in = pixels(0x0064FF);
        ImageShifts.brightenLikeSeed(in);
        ImageShifts.addBrightness(in, 40);
        ImageShifts.warmCast(in, 40);
        ImageShifts.pullContrastTowardMean(in, 1);
        assertEquals(0x0064FF, in.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void grayInputIsReadRawNotGammaConverted() throws ImageRejected {
        BufferedImage gray = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 100);
        assertEquals(List.of(148, 148, 148), rgbAt(ImageShifts.brightenLikeSeed(gray), 0));
    }

    @Test
    void addBrightnessClampsBothWays() throws ImageRejected {
        assertEquals(List.of(30, 130, 255), rgbAt(ImageShifts.addBrightness(pixels(0x0064FA), 30), 0));
        assertEquals(List.of(0, 50, 200), rgbAt(ImageShifts.addBrightness(pixels(0x0064FA), -50), 0));
    }

    @Test
    void pullContrastMovesEveryValueTowardTheMeanGray() throws ImageRejected {
        // black and white: mean gray 127.5; half way: round(63.75) = 64 and round(191.25) = 191
        BufferedImage half = ImageShifts.pullContrastTowardMean(pixels(0x000000, 0xFFFFFF), 0.5);
        assertEquals(List.of(64, 64, 64), rgbAt(half, 0));
        assertEquals(List.of(191, 191, 191), rgbAt(half, 1));
        BufferedImage none = ImageShifts.pullContrastTowardMean(pixels(0x102030, 0xF0E0D0), 0);
        assertEquals(List.of(0x10, 0x20, 0x30), rgbAt(none, 0));
        BufferedImage flat = ImageShifts.pullContrastTowardMean(pixels(0x102030, 0xF0E0D0, 0x00FF00), 1);
        assertEquals(0.0, PropertySet.defaults().compute(BufferedImagePixels.view(flat, "flat"))[3]);
    }

    @Test
    void pullContrastRejectsFractionsOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> ImageShifts.pullContrastTowardMean(pixels(0), 1.5));
        assertThrows(IllegalArgumentException.class, () -> ImageShifts.pullContrastTowardMean(pixels(0), -0.1));
        assertThrows(IllegalArgumentException.class, () -> ImageShifts.pullContrastTowardMean(pixels(0), Double.NaN));
    }

    @Test
    void warmCastRaisesRedLowersBlueAndClamps() throws ImageRejected {
        assertEquals(List.of(120, 100, 80), rgbAt(ImageShifts.warmCast(pixels(0x646464), 20), 0));
        assertEquals(List.of(255, 5, 0), rgbAt(ImageShifts.warmCast(pixels(0xFA050A), 20), 0));
        assertEquals(List.of(80, 100, 120), rgbAt(ImageShifts.warmCast(pixels(0x646464), -20), 0));
    }

    @Test
    void rescaleChangesResolution() throws ImageRejected {
        BufferedImage source = TestImages.image(BufferedImage.TYPE_INT_RGB, 8, 6, (x, y) -> x < 4 ? 0 : 0xFFFFFF);
        BufferedImage half = ImageShifts.rescale(source, 0.5);
        assertEquals(List.of(4, 3), List.of(half.getWidth(), half.getHeight()));
        assertTrue(rgbAt(half, 0).get(0) < 40 && rgbAt(half, 3).get(0) > 215, "edge kept: " + rgbAt(half, 0) + rgbAt(half, 3));
        BufferedImage twice = ImageShifts.rescale(source, 2);
        assertEquals(List.of(16, 12), List.of(twice.getWidth(), twice.getHeight()));
        BufferedImage tiny = ImageShifts.rescale(source, 0.01);
        assertEquals(List.of(1, 1), List.of(tiny.getWidth(), tiny.getHeight()));
    }

    @Test
    void rescaleKeepsAUniformColourAndTheBrightnessOfAPhoto() throws ImageRejected {
        BufferedImage flat = TestImages.image(BufferedImage.TYPE_INT_RGB, 30, 20, (x, y) -> 0x3C78B4);
        BufferedImage smaller = ImageShifts.rescale(flat, 0.37);
        for (int x = 0; x < smaller.getWidth(); x++) {
            assertEquals(List.of(0x3C, 0x78, 0xB4), rgbAt(smaller, x));
        }
        DecodedImage photo = ImageDecoder.withDefaults().decode(TestImages.sampleFiles("bench640").get(5));
        BufferedImage quarter = ImageShifts.rescale(ImageCodec.toBufferedImage(photo), 0.25);
        assertEquals(List.of(160, 120), List.of(quarter.getWidth(), quarter.getHeight()));
        double before = PropertySet.defaults().compute(photo)[2];
        double after = PropertySet.defaults().compute(BufferedImagePixels.view(quarter, "quarter"))[2];
        assertEquals(before, after, 1.5, "brightness survives a resolution change");
    }

    @Test
    void rescaleRejectsNonPositiveFactors() {
        for (double factor : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> ImageShifts.rescale(pixels(0), factor), "factor " + factor);
        }
    }
}
