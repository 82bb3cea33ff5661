package dev.imagedrift.image;

import dev.imagedrift.properties.PropertySet;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * EXIF orientation: ignored by default (as the reference check), applied on request for JPEG
 * (APP1), PNG (eXIf), WebP (EXIF chunk) and TIFF (tag 274); applying changes only the aspect
 * ratio of the built-in properties, and custom properties see the rotated pixels.
 */
class ExifOrientationTest {
    private static final ImageDecoder IGNORING = ImageDecoder.withDefaults();
    private static final ImageDecoder APPLYING = new ImageDecoder(DecodeLimits.defaults(), ExifOrientation.APPLY);

    /** A TIFF-structured EXIF block ("Exif\0\0" + big-endian IFD) holding only the Orientation tag. */
    static byte[] exif(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        b.putShort((short) 1).putShort((short) 274).putShort((short) 3).putInt(1)
                .putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    static byte[] jpegWithExif(byte[] jpeg, int orientation) {
        byte[] block = exif(orientation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((block.length + 2) >> 8);
        out.write((block.length + 2) & 0xFF);
        out.writeBytes(block);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The PNG with an eXIf chunk (raw TIFF block, no "Exif" prefix) right after IHDR. */
    static byte[] pngWithExif(byte[] png, int orientation) {
        byte[] block = java.util.Arrays.copyOfRange(exif(orientation), 6, exif(orientation).length);
        byte[] type = {'e', 'X', 'I', 'f'};
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(block);
        ByteBuffer chunk = ByteBuffer.allocate(12 + block.length).putInt(block.length).put(type).put(block)
                .putInt((int) crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        out.writeBytes(chunk.array());
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    /** A 3x2 image whose six pixels are all different (red = 40 x + 100 y). */
    private static BufferedImage asymmetric() {
        return TestImages.image(BufferedImage.TYPE_INT_RGB, 3, 2, (x, y) -> (40 * x + 100 * y) << 16 | 7 << 8 | 9);
    }

    private static int redAt(DecodedImage image, int x, int y) {
        return image.red(x, y);
    }

    @Test
    void ignoredByDefaultAsTheReferenceCheckDoes() throws ImageRejected {
        byte[] png = pngWithExif(TestImages.encode(asymmetric(), "png"), 6);
        DecodedImage image = IGNORING.decode(png, "rotated.png");
        assertEquals(List.of(3, 2), List.of(image.width(), image.height()));
    }

    @Test
    void everyOrientationMapsPixelsAsAViewerShowsThem() throws ImageRejected {
        byte[] png = TestImages.encode(asymmetric(), "png");
        // Stored red values, rows top to bottom: [0 40 80] [100 140 180].
        int[][][] shown = {
                null,
                {{0, 40, 80}, {100, 140, 180}},          // 1 as stored
                {{80, 40, 0}, {180, 140, 100}},          // 2 mirrored
                {{180, 140, 100}, {80, 40, 0}},          // 3 rotated 180
                {{100, 140, 180}, {0, 40, 80}},          // 4 flipped
                {{0, 100}, {40, 140}, {80, 180}},        // 5 transposed
                {{100, 0}, {140, 40}, {180, 80}},        // 6 rotated 90 clockwise
                {{180, 80}, {140, 40}, {100, 0}},        // 7 transversed
                {{80, 180}, {40, 140}, {0, 100}},        // 8 rotated 90 counter-clockwise
        };
        for (int o = 1; o <= 8; o++) {
            DecodedImage image = APPLYING.decode(pngWithExif(png, o), "o" + o);
            int[][] rows = shown[o];
            assertEquals(rows[0].length, image.width(), "width, orientation " + o);
            assertEquals(rows.length, image.height(), "height, orientation " + o);
            for (int y = 0; y < rows.length; y++) {
                for (int x = 0; x < rows[y].length; x++) {
                    assertEquals(rows[y][x], redAt(image, x, y), "orientation " + o + " pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void applyingChangesOnlyTheAspectRatioOfTheBuiltInProperties() throws ImageRejected {
        byte[] jpeg = ImageCodec.encodeJpeg(TestImages.image(BufferedImage.TYPE_INT_RGB, 64, 32, TestImages::pattern), 0.9f);
        PropertySet properties = PropertySet.defaults();
        double[] stored = properties.compute(IGNORING.decode(jpegWithExif(jpeg, 6), "a.jpg"));
        double[] applied = properties.compute(APPLYING.decode(jpegWithExif(jpeg, 6), "a.jpg"));
        assertEquals(0.5, stored[0]);
        assertEquals(2.0, applied[0]);
        for (int i = 1; i < stored.length; i++) {
            assertEquals(stored[i], applied[i], 1e-9, properties.names().get(i));
        }
    }

    @Test
    void webpExifChunkAndTiffTagAreRead() throws ImageRejected {
        byte[] webp = TestImages.readResource("webp/photo-icc-exif6.webp"); // 70x66, Orientation 6
        DecodedImage image = APPLYING.decode(webp, "photo.webp");
        assertEquals(List.of(66, 70), List.of(image.width(), image.height()));

        byte[] tiff = WebpTiffFidelityTest.TiffBytes.gray8(4, 1, 1, new byte[] {1, 2, 3, 4});
        byte[] withTag = TiffOrientation.withOrientationTag(tiff, 8);
        DecodedImage rotated = APPLYING.decode(withTag, "strip.tif");
        assertEquals(List.of(1, 4), List.of(rotated.width(), rotated.height()));
        assertArrayEquals(new int[] {4, 3, 2, 1}, new int[] {rotated.red(0, 0), rotated.red(0, 1), rotated.red(0, 2),
                rotated.red(0, 3)});
        assertEquals(4, IGNORING.decode(withTag, "strip.tif").width());
    }

    @Test
    void settingNames() {
        assertEquals(ExifOrientation.APPLY, ExifOrientation.of(" Apply "));
        assertEquals("ignore", ExifOrientation.IGNORE.id());
        assertThrows(IllegalArgumentException.class, () -> ExifOrientation.of("rotate"));
    }

    /** Adds an Orientation entry to a one-IFD little-endian TIFF written by {@code TiffBytes}. */
    static final class TiffOrientation {
        private TiffOrientation() {}

        static byte[] withOrientationTag(byte[] tiff, int orientation) {
            ByteBuffer in = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
            int entries = in.getShort(8);
            int ifdEnd = 8 + 2 + 12 * entries + 4;
            ByteBuffer out = ByteBuffer.allocate(tiff.length + 12).order(ByteOrder.LITTLE_ENDIAN);
            out.put(tiff, 0, 8).putShort((short) (entries + 1));
            // entries are sorted by tag: 274 goes after 273 (the 6th entry of TiffBytes.gray8)
            for (int i = 0; i < entries; i++) {
                int at = 10 + 12 * i;
                int tag = in.getShort(at) & 0xFFFF;
                if (tag > 274 && out.position() == 10 + 12 * i) {
                    out.putShort((short) 274).putShort((short) 3).putInt(1).putShort((short) orientation)
                            .putShort((short) 0);
                }
                byte[] entry = java.util.Arrays.copyOfRange(tiff, at, at + 12);
                ByteBuffer e = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
                if (tag == 273) {
                    e.putInt(8, e.getInt(8) + 12); // the strip moved by one entry
                }
                out.put(entry);
            }
            out.putInt(0);
            out.put(tiff, ifdEnd, tiff.length - ifdEnd);
            return out.array();
        }
    }
}
