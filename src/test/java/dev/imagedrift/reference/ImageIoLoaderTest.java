package dev.imagedrift.reference;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.image.RejectReason;
import dev.imagedrift.properties.PropertySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageIoLoaderTest {
    @TempDir
    Path dir;

    private final ImageIoLoader loader = ImageIoLoader.withDefaults();

    @Test
    void readsRgbPngWithExactProperties() throws Exception {
        Path file = TestImages.write(TestImages.solid(40, 30, BufferedImage.TYPE_3BYTE_BGR, new Color(200, 100, 50)),
                "png", dir.resolve("rgb.png"));
        DecodedImage image = loader.load(file);
        assertEquals(40, image.width());
        assertEquals(30, image.height());
        assertFalse(image.isGray());
        assertEquals(200, image.red(5, 5));
        assertEquals(100, image.green(5, 5));
        assertEquals(50, image.blue(5, 5));

        double[] p = PropertySet.defaults().compute(image);
        assertEquals(0.75, p[0], 1e-12);
        assertEquals(1200, p[1], 1e-12);
        assertEquals(0.2125 * 200 + 0.7154 * 100 + 0.0721 * 50, p[2], 1e-9);
        assertEquals(0.0, p[3], 1e-9);
        assertEquals(200.0 / 350, p[4], 1e-12);
    }

    @Test
    void readsGrayPngAsGrayWithRawSamples() throws Exception {
        BufferedImage gray = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = gray.getRaster();
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                raster.setSample(x, y, 0, 77);
            }
        }
        DecodedImage image = loader.load(TestImages.write(gray, "png", dir.resolve("gray.png")));
        assertTrue(image.isGray());
        assertEquals(77, image.red(3, 3), "the raw sample, not a colour-converted one");
        double[] p = PropertySet.defaults().compute(image);
        assertEquals(77.0, p[2], 1e-12);
        assertTrue(Double.isNaN(p[4]) && Double.isNaN(p[5]) && Double.isNaN(p[6]));
    }

    @Test
    void readsSixteenBitGrayRescaledToEightBits() throws Exception {
        BufferedImage gray16 = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                gray16.getRaster().setSample(x, y, 0, 65535);
            }
        }
        gray16.getRaster().setSample(0, 0, 0, 257 * 10);
        DecodedImage image = loader.load(TestImages.write(gray16, "png", dir.resolve("gray16.png")));
        assertTrue(image.isGray());
        assertEquals(255, image.red(1, 1));
        assertEquals(10, image.red(0, 0));
    }

    @Test
    void readsRgbaPngIgnoringAlpha() throws Exception {
        BufferedImage rgba = TestImages.solid(8, 8, BufferedImage.TYPE_4BYTE_ABGR, new Color(10, 20, 30, 128));
        DecodedImage image = loader.load(TestImages.write(rgba, "png", dir.resolve("rgba.png")));
        assertFalse(image.isGray());
        assertEquals(10, image.red(2, 2));
        assertEquals(20, image.green(2, 2));
        assertEquals(30, image.blue(2, 2));
    }

    @Test
    void readsPaletteGifThroughItsColourModel() throws Exception {
        byte[] r = {0, (byte) 250};
        byte[] g = {0, 5};
        byte[] b = {0, 100};
        BufferedImage indexed = new BufferedImage(6, 6, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 2, r, g, b));
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                indexed.getRaster().setSample(x, y, 0, 1);
            }
        }
        DecodedImage image = loader.load(TestImages.write(indexed, "gif", dir.resolve("palette.gif")));
        assertEquals(250, image.red(1, 1));
        assertEquals(5, image.green(1, 1));
        assertEquals(100, image.blue(1, 1));
    }

    @Test
    void readsJpegAndBmp() throws Exception {
        Path jpg = TestImages.write(TestImages.gradient(64, 48), "jpg", dir.resolve("a.jpg"));
        Path bmp = TestImages.write(TestImages.gradient(64, 48), "bmp", dir.resolve("a.bmp"));
        assertEquals(64 * 48, loader.load(jpg).pixelCount());
        assertEquals(64 * 48, loader.load(bmp).pixelCount());
    }

    @Test
    void refusesAnEmptyFile() {
        Path file = TestImages.writeBytes(dir.resolve("empty.jpg"), new byte[0]);
        assertRejected(RejectReason.EMPTY, file);
    }

    @Test
    void refusesTextNamedPng() {
        Path file = TestImages.writeBytes(dir.resolve("text.png"), "hello, not an image".getBytes());
        assertRejected(RejectReason.UNKNOWN_FORMAT, file);
    }

    @Test
    void refusesAHugeDeclaredSizeFromTheHeader() {
        Path file = TestImages.writeBytes(dir.resolve("huge.png"), TestImages.pngDeclaring(60_000, 60_000));
        ImageRejected e = assertRejected(RejectReason.TOO_LARGE, file);
        assertTrue(e.getMessage().contains("60000x60000"), e.getMessage());
    }

    @Test
    void refusesImagesOverAConfiguredPixelLimit() {
        Path file = TestImages.write(TestImages.gradient(20, 20), "png", dir.resolve("small.png"));
        ImageRejected e = assertThrows(ImageRejected.class, () -> new ImageIoLoader(399, 1 << 20).load(file));
        assertEquals(RejectReason.TOO_LARGE, e.reason());
    }

    @Test
    void refusesFilesOverTheByteLimit() {
        Path file = TestImages.write(TestImages.gradient(50, 50), "png", dir.resolve("big.png"));
        ImageRejected e = assertThrows(ImageRejected.class, () -> new ImageIoLoader(1_000_000, 100).load(file));
        assertEquals(RejectReason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("big.png"), e.getMessage());
    }

    @Test
    void refusesATruncatedJpegThatImageIoWouldFillWithGray() {
        byte[] jpeg = TestImages.encode(TestImages.gradient(256, 256), "jpg");
        Path file = TestImages.writeBytes(dir.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        assertRejected(RejectReason.UNDECODABLE, file);
    }

    @Test
    void refusesATruncatedPng() {
        byte[] png = TestImages.encode(TestImages.gradient(128, 128), "png");
        Path file = TestImages.writeBytes(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        assertRejected(RejectReason.UNDECODABLE, file);
    }

    @Test
    void refusesADirectory() {
        assertRejected(RejectReason.UNDECODABLE, dir);
    }

    @Test
    void refusesNonsenseLimits() {
        assertThrows(IllegalArgumentException.class, () -> new ImageIoLoader(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new ImageIoLoader(100, 0));
        assertThrows(IllegalArgumentException.class, () -> new ImageIoLoader(ImageIoLoader.MAX_SUPPORTED_PIXELS + 1, 100));
    }

    private ImageRejected assertRejected(RejectReason reason, Path file) {
        ImageRejected e = assertThrows(ImageRejected.class, () -> loader.load(file));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        return e;
    }
}
