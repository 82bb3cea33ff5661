package dev.imagedrift.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encoding to JPEG and PNG in memory, and DecodedImage back to BufferedImage. */
class ImageCodecTest {
    private final ImageDecoder decoder = ImageDecoder.withDefaults();

    private static void assertSamePixels(DecodedImage expected, DecodedImage actual) {
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.isGray(), actual.isGray());
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                assertEquals(expected.red(x, y), actual.red(x, y));
                assertEquals(expected.green(x, y), actual.green(x, y));
                assertEquals(expected.blue(x, y), actual.blue(x, y));
            }
        }
    }

    @Test
    void pngRoundTripIsLossless() throws ImageRejected {
        BufferedImage source = TestImages.image(BufferedImage.TYPE_3BYTE_BGR, 21, 13, TestImages::pattern);
        assertSamePixels(BufferedImagePixels.view(source, "source"), decoder.decode(ImageCodec.encodePng(source), "png"));
    }

    @Test
    void jpegQualityTradesSizeAndAlphaIsDropped() throws ImageRejected {
        BufferedImage photo = ImageCodec.toBufferedImage(decoder.decode(TestImages.sampleFiles("bench640").get(2)));
        assertTrue(ImageCodec.encodeJpeg(photo, 0.3f).length < ImageCodec.encodeJpeg(photo, 0.95f).length);
        BufferedImage translucent = TestImages.image(BufferedImage.TYPE_INT_ARGB, 16, 16, (x, y) -> 0x80FF0000);
        DecodedImage decoded = decoder.decode(ImageCodec.encodeJpeg(translucent, 0.9f), "argb.jpg");
        assertTrue(decoded.red(8, 8) > 240 && decoded.green(8, 8) < 15, "red kept, alpha dropped");
    }

    @Test
    void jpegQualityMustBeBetweenZeroAndOne() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR);
        assertThrows(IllegalArgumentException.class, () -> ImageCodec.encodeJpeg(image, 1.5f));
        assertThrows(IllegalArgumentException.class, () -> ImageCodec.encodeJpeg(image, Float.NaN));
    }

    @Test
    void decodedImageBackToBufferedImageKeepsEverySample() throws ImageRejected {
        DecodedImage colour = decoder.fromRaw(3, 2, 4, new byte[] {1, 2, 3, 9, 4, 5, 6, 9, 7, 8, 9, 9,
                10, 11, 12, 9, 13, 14, 15, 9, 16, 17, 18, 9}, "rgba");
        BufferedImage bgr = ImageCodec.toBufferedImage(colour);
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, bgr.getType());
        assertSamePixels(colour, BufferedImagePixels.view(bgr, "bgr"));
        DecodedImage gray = decoder.fromRaw(3, 1, 1, new byte[] {0, 100, (byte) 255}, "gray");
        BufferedImage grayImage = ImageCodec.toBufferedImage(gray);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, grayImage.getType());
        assertSamePixels(gray, BufferedImagePixels.view(grayImage, "gray"));
        DecodedImage replicated = BufferedImagePixels.view(ImageCodec.toRgb(gray), "rgb");
        assertEquals(100, replicated.blue(1, 0));
    }
}
