package dev.imagedrift.image;

import dev.imagedrift.properties.PropertySet;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static dev.imagedrift.image.TestImages.componentModel;
import static dev.imagedrift.image.TestImages.palette;
import static dev.imagedrift.image.TestImages.withSamples;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebP and TIFF give the same pixels, and so the same properties, as the same picture decoded from
 * PNG: exactly for lossless WebP and every TIFF layout; within the codec's own rounding for lossy
 * WebP, compared with libwebp's decode (what the reference check's PIL returns).
 */
class WebpTiffFidelityTest {
    private final ImageDecoder decoder = ImageDecoder.withDefaults();
    private final PropertySet properties = PropertySet.defaults();

    private DecodedImage decode(byte[] bytes) throws ImageRejected {
        return decoder.decode(bytes, "fixture");
    }

    private DecodedImage resource(String name) throws ImageRejected {
        return decoder.decode(TestImages.readResource(name), name);
    }

    static void assertSamePixels(DecodedImage expected, DecodedImage actual) {
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.isGray(), actual.isGray());
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                String at = "pixel " + x + "," + y;
                assertEquals(expected.red(x, y), actual.red(x, y), at);
                assertEquals(expected.green(x, y), actual.green(x, y), at);
                assertEquals(expected.blue(x, y), actual.blue(x, y), at);
            }
        }
    }

    /** Largest absolute difference of any sample. */
    static int maxDifference(DecodedImage a, DecodedImage b) {
        int max = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                max = Math.max(max, Math.abs(a.red(x, y) - b.red(x, y)));
                max = Math.max(max, Math.abs(a.green(x, y) - b.green(x, y)));
                max = Math.max(max, Math.abs(a.blue(x, y) - b.blue(x, y)));
            }
        }
        return max;
    }

    @Test
    void losslessWebpIsExactlyThePng() throws ImageRejected {
        DecodedImage png = resource("webp/photo.png");
        DecodedImage webp = resource("webp/photo-lossless.webp");
        assertSamePixels(png, webp);
        assertArrayEquals(properties.compute(png), properties.compute(webp));
    }

    @Test
    void losslessWebpWithAlphaKeepsTheColourSamples() throws ImageRejected {
        assertSamePixels(resource("webp/photo.png"), resource("webp/photo-alpha-lossless.webp"));
    }

    @Test
    void lossyWebpMatchesLibwebpWithinTheCodecsRounding() throws ImageRejected {
        checkLossy("webp/photo-lossy.webp", "webp/photo-lossy.libwebp.png");
        checkLossy("webp/photo-alpha-lossy.webp", "webp/photo-alpha-lossy.libwebp.png");
    }

    private void checkLossy(String webpName, String libwebpName) throws ImageRejected {
        DecodedImage reference = resource(libwebpName);
        DecodedImage webp = resource(webpName);
        int max = maxDifference(reference, webp);
        double[] expected = properties.compute(reference);
        double[] actual = properties.compute(webp);
        // Both decoders run the same integer IDCT; they differ in how chroma is upsampled
        // (libwebp's "fancy" filter vs TwelveMonkeys' own), a few levels at colour edges.
        assertTrue(max <= LOSSY_MAX_SAMPLE_DIFFERENCE, webpName + ": largest sample difference " + max);
        assertEquals(expected[0], actual[0]);
        assertEquals(expected[1], actual[1]);
        assertEquals(expected[2], actual[2], 0.25, "brightness");
        assertEquals(expected[3], actual[3], 0.25, "RMS contrast");
        for (int i = 4; i < 7; i++) {
            assertEquals(expected[i], actual[i], 0.002, properties.names().get(i));
        }
    }

    static final int LOSSY_MAX_SAMPLE_DIFFERENCE = 16;

    @Test
    void webpIccProfileIsNotAppliedAndExifOrientationIsIgnoredByDefault() throws ImageRejected {
        assertSamePixels(resource("webp/photo.png"), resource("webp/photo-icc-exif6.webp"));
    }

    // ---------------------------------------------------------------- TIFF

    private static final List<String> COMPRESSIONS = List.of("none", "LZW", "Deflate", "PackBits");

    /** TIFF bytes from the JDK's writer: the given compression, strips or 16x16 tiles. */
    static byte[] tiff(BufferedImage image, String compression, boolean tiled) {
        ImageWriter writer = jdkTiffWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (!"none".equals(compression)) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
        } else {
            param.setCompressionMode(ImageWriteParam.MODE_DISABLED);
        }
        if (tiled) {
            param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
            param.setTiling(16, 16, 0, 0);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JDK's own TIFF writer (it tiles; TwelveMonkeys' writer, also registered, does not). */
    static ImageWriter jdkTiffWriter() {
        var writers = ImageIO.getImageWritersByFormatName("tiff");
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (w.getClass().getName().startsWith("com.sun.imageio.")) {
                return w;
            }
        }
        throw new IllegalStateException("the JDK's TIFF writer is not registered");
    }

    private void assertTiffLayoutsEqual(BufferedImage source, DecodedImage expected) throws ImageRejected {
        for (String compression : COMPRESSIONS) {
            for (boolean tiled : new boolean[] {false, true}) {
                byte[] file = tiff(source, compression, tiled);
                DecodedImage decoded = decoder.decode(file, compression + (tiled ? " tiled" : " strips"));
                assertSamePixels(expected, decoded);
            }
        }
    }

    @Test
    void eightBitRgbTiffIsExactInEveryCompressionAndLayout() throws ImageRejected {
        DecodedImage png = resource("webp/photo.png");
        assertTiffLayoutsEqual(ImageCodec.toRgb(png), png);
    }

    @Test
    void eightBitGrayTiffIsExact() throws ImageRejected {
        int w = 37;
        int h = 21;
        int[] samples = new int[w * h];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (i * 7) & 0xFF;
        }
        BufferedImage source = withSamples(componentModel(ColorSpace.CS_GRAY, false, DataBuffer.TYPE_BYTE), w, h, samples);
        assertTiffLayoutsEqual(source, DecodedImage.gray(w, h, toBytes(samples)));
    }

    @Test
    void sixteenBitRgbTiffScalesToTheNearestLevel() throws ImageRejected {
        int w = 19;
        int h = 17;
        int[] samples = new int[w * h * 3];
        byte[] expected = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (i * 977) & 0xFFFF;
            expected[i] = (byte) Math.round(samples[i] / 257.0);
        }
        BufferedImage source = withSamples(componentModel(ColorSpace.CS_sRGB, false, DataBuffer.TYPE_USHORT), w, h, samples);
        assertTiffLayoutsEqual(source, DecodedImage.rgb(w, h, expected));
    }

    @Test
    void paletteTiffIsExpanded() throws ImageRejected {
        BufferedImage source = withSamples(palette(8, new int[] {255, 0, 9}, new int[] {0, 128, 9},
                new int[] {0, 0, 200}), 3, 2, 0, 1, 2, 2, 1, 0);
        byte[] expected = {(byte) 255, 0, 0, 0, (byte) 128, 0, 9, 9, (byte) 200, 9, 9, (byte) 200, 0, (byte) 128, 0,
                (byte) 255, 0, 0};
        assertTiffLayoutsEqual(source, DecodedImage.rgb(3, 2, expected));
    }

    @Test
    void planarTiffsFromLibtiffAreExact() throws ImageRejected {
        DecodedImage png = resource("webp/photo.png");
        assertSamePixels(png, resource("tiff/photo-planar-lzw.tif"));
        assertSamePixels(png, resource("tiff/photo-planar-tiled-deflate.tif"));
    }

    @Test
    void whiteIsZeroGrayIsInvertedAsPillowReadsIt() throws ImageRejected {
        // PIL reads an 8-bit WhiteIsZero TIFF as "L" with 255 - v: 0 is white.
        byte[] samples = {0, 10, (byte) 200, (byte) 255};
        DecodedImage decoded = decode(TiffBytes.gray8(4, 1, 0, samples));
        assertTrue(decoded.isGray());
        assertEquals(List.of(255, 245, 55, 0), List.of(decoded.red(0, 0), decoded.red(1, 0), decoded.red(2, 0),
                decoded.red(3, 0)));
    }

    @Test
    void tiffNamedPngIsDecodedAsTiffOnlyWhenTiffIsAllowed() throws ImageRejected {
        byte[] file = TiffBytes.gray8(2, 1, 1, new byte[] {1, 2});
        assertEquals(2, decoder.decode(file, "disguised.png").width());
        ImageDecoder noTiff = new ImageDecoder(DecodeLimits.defaults().withFormats(
                java.util.EnumSet.complementOf(java.util.EnumSet.of(ImageFormat.TIFF))));
        ImageRejected e = org.junit.jupiter.api.Assertions.assertThrows(ImageRejected.class,
                () -> noTiff.decode(file, "disguised.png"));
        assertEquals(RejectReason.UNKNOWN_FORMAT, e.reason());
        assertTrue(e.getMessage().contains("TIFF is not among the allowed"), e.getMessage());
    }

    private static byte[] toBytes(int[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (byte) samples[i];
        }
        return out;
    }

    /** Minimal hand-written TIFFs for layouts the JDK's writer does not produce. */
    static final class TiffBytes {
        private TiffBytes() {}

        /** One strip of 8-bit gray, uncompressed, with the given photometric interpretation. */
        static byte[] gray8(int width, int height, int photometric, byte[] samples) {
            int entries = 9;
            int data = 8 + 2 + 12 * entries + 4;
            ByteBuffer b = ByteBuffer.allocate(data + samples.length).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries);
            entry(b, 256, 4, width);
            entry(b, 257, 4, height);
            entry(b, 258, 3, 8);
            entry(b, 259, 3, 1);
            entry(b, 262, 3, photometric);
            entry(b, 273, 4, data);
            entry(b, 277, 3, 1);
            entry(b, 278, 4, height);
            entry(b, 279, 4, samples.length);
            b.putInt(0).put(samples);
            return b.array();
        }

        private static void entry(ByteBuffer b, int tag, int type, long value) {
            b.putShort((short) tag).putShort((short) type).putInt(1);
            if (type == 3) {
                b.putShort((short) value).putShort((short) 0);
            } else {
                b.putInt((int) value);
            }
        }
    }
}
