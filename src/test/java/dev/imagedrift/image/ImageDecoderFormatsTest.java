package dev.imagedrift.image;

import org.junit.jupiter.api.Test;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.util.List;

import static dev.imagedrift.image.TestImages.componentModel;
import static dev.imagedrift.image.TestImages.encode;
import static dev.imagedrift.image.TestImages.image;
import static dev.imagedrift.image.TestImages.palette;
import static dev.imagedrift.image.TestImages.withSamples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every supported format and every pixel-format decision documented on {@link ImageDecoder}. */
class ImageDecoderFormatsTest {
    private final ImageDecoder decoder = ImageDecoder.withDefaults();

    private DecodedImage decode(byte[] bytes) throws ImageRejected {
        return decoder.decode(bytes, "test-image");
    }

    private static void assertRgbEquals(BufferedImage expected, DecodedImage actual) {
        assertEquals(expected.getWidth(), actual.width());
        assertEquals(expected.getHeight(), actual.height());
        assertFalse(actual.isGray(), "colour image expected");
        for (int y = 0; y < actual.height(); y++) {
            for (int x = 0; x < actual.width(); x++) {
                int rgb = expected.getRGB(x, y);
                String at = "pixel " + x + "," + y;
                assertEquals(rgb >> 16 & 0xFF, actual.red(x, y), at);
                assertEquals(rgb >> 8 & 0xFF, actual.green(x, y), at);
                assertEquals(rgb & 0xFF, actual.blue(x, y), at);
            }
        }
    }

    private static void assertGrayEquals(int width, int[] expected, DecodedImage actual) {
        assertTrue(actual.isGray(), "gray image expected");
        assertEquals(width, actual.width());
        assertEquals(expected.length / width, actual.height());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.red(i % width, i / width), "pixel " + i);
        }
    }

    @Test
    void jpegDecodesToTheDecodersOwnBgrBufferWithinJpegError() throws ImageRejected {
        // A smooth gradient: JPEG keeps it to within a level or two even with chroma subsampling.
        TestImages.PixelColour gradient = (x, y) -> (x * 5) << 16 | (y * 7) << 8 | 128;
        BufferedImage source = image(BufferedImage.TYPE_3BYTE_BGR, 48, 32, gradient);
        byte[] jpeg = ImageCodec.encodeJpeg(source, 1.0f);
        // ImageIO's own raster is BGR; TurboJPEG decodes into packed RGB.
        for (ImageDecoder d : List.of(TurboJpegForTests.imageIoDecoder(), TurboJpegForTests.turboDecoder())) {
            DecodedImage decoded = d.decode(jpeg, "gradient.jpg");
            String which = d.jpegDecoding().name();
            assertEquals(48, decoded.width());
            assertEquals(32, decoded.height());
            assertEquals(3, decoded.pixelStride());
            assertEquals(which.equals(JpegDecoding.IMAGEIO) ? List.of(2, 1, 0) : List.of(0, 1, 2),
                    List.of(decoded.redOffset(), decoded.greenOffset(), decoded.blueOffset()), which);
            double error = 0;
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 48; x++) {
                    error += Math.abs(decoded.red(x, y) - (gradient.at(x, y) >> 16 & 0xFF));
                }
            }
            assertTrue(error / (48 * 32) < 2, which + ": mean red error at quality 1.0: " + error / (48 * 32));
        }
    }

    @Test
    void progressiveJpegGivesTheSamePixelsAsImageIo() throws Exception {
        byte[] jpeg = HostileImages.progressiveJpeg();
        BufferedImage allPasses = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        assertRgbEquals(allPasses, decode(jpeg));
    }

    @Test
    void embeddedIccProfileIsNotApplied() throws ImageRejected {
        // ImageIO alone would convert this linear-RGB-tagged JPEG to sRGB (100 becomes about 168).
        BufferedImage flat = image(BufferedImage.TYPE_3BYTE_BGR, 16, 16, (x, y) -> 0x646464);
        byte[] plain = ImageCodec.encodeJpeg(flat, 0.9f);
        byte[] tagged = TestImages.withIccProfile(plain, ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB));
        DecodedImage stored = decode(plain);
        DecodedImage decoded = decode(tagged);
        assertEquals(stored.red(8, 8), decoded.red(8, 8));
        assertEquals(100, decoded.green(8, 8), 1);
    }

    @Test
    void byteRastersAreWrappedWithoutACopy() throws ImageRejected {
        BufferedImage bgr = image(BufferedImage.TYPE_3BYTE_BGR, 5, 4, TestImages::pattern);
        assertSame(((DataBufferByte) bgr.getRaster().getDataBuffer()).getData(), BufferedImagePixels.view(bgr, "bgr").data());
        BufferedImage gray = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY);
        assertSame(((DataBufferByte) gray.getRaster().getDataBuffer()).getData(), BufferedImagePixels.view(gray, "gray").data());
        BufferedImage abgr = image(BufferedImage.TYPE_4BYTE_ABGR, 5, 4, TestImages::pattern);
        DecodedImage view = BufferedImagePixels.view(abgr, "abgr");
        assertSame(((DataBufferByte) abgr.getRaster().getDataBuffer()).getData(), view.data());
        assertRgbEquals(abgr, view);
    }

    @Test
    void subImageViewReadsTheRightWindowOfItsParent() throws ImageRejected {
        BufferedImage parent = image(BufferedImage.TYPE_3BYTE_BGR, 20, 10, TestImages::pattern);
        BufferedImage window = parent.getSubimage(7, 3, 6, 4);
        assertRgbEquals(window, BufferedImagePixels.view(window, "window"));
    }

    @Test
    void pngRgbIsExact() throws ImageRejected {
        BufferedImage source = image(BufferedImage.TYPE_INT_RGB, 23, 17, TestImages::pattern);
        assertRgbEquals(source, decode(encode(source, "png")));
    }

    @Test
    void bmpTwentyFourBitIsExact() throws ImageRejected {
        BufferedImage source = image(BufferedImage.TYPE_INT_RGB, 23, 17, TestImages::pattern);
        assertRgbEquals(source, decode(encode(source, "bmp")));
    }

    @Test
    void alphaIsIgnoredEvenWhereFullyTransparent() throws ImageRejected {
        // Colour samples are used as stored, not composited: a transparent pixel keeps its colour.
        BufferedImage source = image(BufferedImage.TYPE_INT_ARGB, 4, 1, (x, y) -> new int[] {
                0x00_FF0000, 0x80_00FF00, 0xFF_0000FF, 0x40_102030}[x]);
        DecodedImage decoded = decode(encode(source, "png"));
        assertEquals(4, decoded.pixelStride());
        assertEquals(255, decoded.red(0, 0));
        assertEquals(255, decoded.green(1, 0));
        assertEquals(255, decoded.blue(2, 0));
        assertEquals(List.of(0x10, 0x20, 0x30), List.of(decoded.red(3, 0), decoded.green(3, 0), decoded.blue(3, 0)));
    }

    @Test
    void grayPngKeepsRawValuesWithoutGammaConversion() throws ImageRejected {
        int[] values = {0, 1, 64, 128, 200, 255};
        BufferedImage source = withSamples(componentModel(ColorSpace.CS_GRAY, false, DataBuffer.TYPE_BYTE), 6, 1, values);
        assertGrayEquals(6, values, decode(encode(source, "png")));
    }

    @Test
    void grayPlusAlphaIsGray() throws ImageRejected {
        // samples interleaved gray, alpha
        BufferedImage source = withSamples(componentModel(ColorSpace.CS_GRAY, true, DataBuffer.TYPE_BYTE), 3, 1,
                10, 255, 128, 0, 250, 77);
        DecodedImage decoded = decode(encode(source, "png"));
        assertEquals(2, decoded.pixelStride());
        assertGrayEquals(3, new int[] {10, 128, 250}, decoded);
    }

    @Test
    void colourPaletteIsExpandedToRgb() throws ImageRejected {
        BufferedImage source = withSamples(palette(8, new int[] {255, 0, 9}, new int[] {0, 128, 9},
                new int[] {0, 0, 200}), 3, 2, 0, 1, 2, 2, 1, 0);
        DecodedImage decoded = decode(encode(source, "png"));
        assertFalse(decoded.isGray());
        assertEquals(List.of(255, 0, 0), List.of(decoded.red(0, 0), decoded.green(0, 0), decoded.blue(0, 0)));
        assertEquals(List.of(9, 9, 200), List.of(decoded.red(0, 1), decoded.green(0, 1), decoded.blue(0, 1)));
        assertEquals(List.of(0, 128, 0), List.of(decoded.red(1, 1), decoded.green(1, 1), decoded.blue(1, 1)));
    }

    @Test
    void allGrayPaletteIsGray() throws ImageRejected {
        BufferedImage source = withSamples(palette(8, new int[] {0, 90, 255}, new int[] {0, 90, 255},
                new int[] {0, 90, 255}), 3, 1, 2, 0, 1);
        assertGrayEquals(3, new int[] {255, 0, 90}, decode(encode(source, "png")));
    }

    @Test
    void oneBitImagesAreGrayZeroAndTwoFiftyFive() throws ImageRejected {
        BufferedImage source = image(BufferedImage.TYPE_BYTE_BINARY, 9, 2, (x, y) -> (x + y) % 2 == 0 ? 0xFFFFFF : 0);
        int[] expected = {255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0};
        assertGrayEquals(9, expected, decode(encode(source, "png")));
        assertGrayEquals(9, expected, decode(encode(source, "bmp")));
    }

    @Test
    void wbmpIsNotOnTheAllowList() {
        // WBMP has no signature: its reader claims any input starting with two zero bytes.
        BufferedImage source = image(BufferedImage.TYPE_BYTE_BINARY, 9, 2, (x, y) -> 0xFFFFFF);
        ImageRejected e = assertThrows(ImageRejected.class, () -> decode(encode(source, "wbmp")));
        assertEquals(RejectReason.UNKNOWN_FORMAT, e.reason());
    }

    @Test
    void sixteenBitGrayScalesToNearestLevel() throws ImageRejected {
        // round(v / 257): 128 -> 0.498 -> 0, 129 -> 0.502 -> 1, 257 k -> k exactly
        int[] samples = {0, 128, 129, 257 * 100, 32767, 32768, 65535};
        int[] expected = {0, 0, 1, 100, 127, 128, 255};
        BufferedImage source = withSamples(componentModel(ColorSpace.CS_GRAY, false, DataBuffer.TYPE_USHORT),
                7, 1, samples);
        assertGrayEquals(7, expected, decode(encode(source, "png")));
        assertGrayEquals(7, expected, decode(encode(source, "tiff")));
    }

    @Test
    void sixteenBitRgbScalesEachChannel() throws ImageRejected {
        BufferedImage source = withSamples(componentModel(ColorSpace.CS_sRGB, false, DataBuffer.TYPE_USHORT), 2, 1,
                65535, 257 * 7, 0, 129, 32768, 65534);
        DecodedImage decoded = decode(encode(source, "png"));
        assertEquals(List.of(255, 7, 0), List.of(decoded.red(0, 0), decoded.green(0, 0), decoded.blue(0, 0)));
        assertEquals(List.of(1, 128, 255), List.of(decoded.red(1, 0), decoded.green(1, 0), decoded.blue(1, 0)));
    }

    @Test
    void packedFiveSixFiveBmpScalesEachChannel() throws ImageRejected {
        // 5-bit 31 -> 255, 5-bit 16 -> round(16 * 255 / 31) = 132, 6-bit 32 -> round(32 * 255 / 63) = 130
        BufferedImage source = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_565_RGB);
        source.getRaster().setPixel(0, 0, new int[] {31, 32, 16});
        source.getRaster().setPixel(1, 0, new int[] {0, 63, 1});
        DecodedImage decoded = decode(encode(source, "bmp"));
        assertEquals(List.of(255, 130, 132), List.of(decoded.red(0, 0), decoded.green(0, 0), decoded.blue(0, 0)));
        assertEquals(List.of(0, 255, 8), List.of(decoded.red(1, 0), decoded.green(1, 0), decoded.blue(1, 0)));
    }

    @Test
    void gifGivesItsFirstFrame() throws ImageRejected {
        BufferedImage red = image(BufferedImage.TYPE_INT_RGB, 6, 4, (x, y) -> 0xFF0000);
        BufferedImage blue = image(BufferedImage.TYPE_INT_RGB, 6, 4, (x, y) -> 0x0000FF);
        DecodedImage decoded = decode(TestImages.animatedGif(List.of(red, blue)));
        assertEquals(6, decoded.width());
        assertEquals(List.of(255, 0, 0), List.of(decoded.red(3, 2), decoded.green(3, 2), decoded.blue(3, 2)));
    }

    @Test
    void cmykJpegIsRefusedAsUnsupportedPixelFormat() {
        ImageRejected e = assertThrows(ImageRejected.class, () -> decoder.decode(TestImages.fourComponentJpeg(-1), "cmyk.jpg"));
        assertEquals(RejectReason.UNSUPPORTED_PIXEL_FORMAT, e.reason());
        assertTrue(e.getMessage().startsWith("cmyk.jpg: "), e.getMessage());
        assertTrue(e.getMessage().contains("CMYK"), e.getMessage());
    }

    @Test
    void ycckJpegIsRefusedAsUnsupportedPixelFormat() {
        ImageRejected e = assertThrows(ImageRejected.class, () -> decoder.decode(TestImages.fourComponentJpeg(2), "ycck.jpg"));
        assertEquals(RejectReason.UNSUPPORTED_PIXEL_FORMAT, e.reason());
        assertTrue(e.getMessage().contains("ycck.jpg"), e.getMessage());
    }

    @Test
    void fourComponentJpegWithoutAPixelTypeIsUnsupportedNotUndecodable() {
        // Adobe transform 1 (YCbCr) on four components: ImageIO has no pixel type for it.
        ImageRejected e = assertThrows(ImageRejected.class, () -> decoder.decode(TestImages.fourComponentJpeg(1), "odd.jpg"));
        assertEquals(RejectReason.UNSUPPORTED_PIXEL_FORMAT, e.reason());
    }

    @Test
    void floatingPointSamplesAreRefused() {
        BufferedImage source = withSamples(componentModel(ColorSpace.CS_sRGB, false, DataBuffer.TYPE_FLOAT), 1, 1, 0, 0, 0);
        ImageRejected e = assertThrows(ImageRejected.class, () -> BufferedImagePixels.view(source, "float.tif"));
        assertEquals(RejectReason.UNSUPPORTED_PIXEL_FORMAT, e.reason());
        assertTrue(e.getMessage().contains("float.tif"), e.getMessage());
    }
}
