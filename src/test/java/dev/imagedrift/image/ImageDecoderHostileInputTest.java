package dev.imagedrift.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Bad input of every kind becomes an {@link ImageRejected} with the right reason and a message naming it. */
class ImageDecoderHostileInputTest {
    private final ImageDecoder decoder = ImageDecoder.withDefaults();

    private static ImageRejected assertRejected(RejectReason reason, String name, ThrowingDecode decode) {
        ImageRejected e = assertThrows(ImageRejected.class, decode::run);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(name), "message should name the input: " + e.getMessage());
        return e;
    }

    @FunctionalInterface
    private interface ThrowingDecode {
        void run() throws ImageRejected;
    }

    private static byte[] realJpeg() {
        return TestImages.read(TestImages.sampleFiles("bench640").get(0));
    }

    private static byte[] realPng() {
        BufferedImage image = TestImages.image(BufferedImage.TYPE_INT_RGB, 120, 90, TestImages::pattern);
        return TestImages.encode(image, "png");
    }

    @Test
    void zeroBytesAndNoBytesAreEmpty() {
        assertRejected(RejectReason.EMPTY, "event-17", () -> decoder.decode(new byte[0], "event-17"));
        assertRejected(RejectReason.EMPTY, "event-18", () -> decoder.decode(null, "event-18"));
    }

    @Test
    void truncatedJpegIsUndecodableNotHalfGray() {
        byte[] jpeg = realJpeg();
        ImageRejected e = assertRejected(RejectReason.UNDECODABLE, "cut.jpg",
                () -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2), "cut.jpg"));
        assertTrue(e.getMessage().contains("damaged JPEG data"), e.getMessage());
    }

    @Test
    void jpegCutInsideItsHeaderIsUndecodable() {
        assertRejected(RejectReason.UNDECODABLE, "head.jpg", () -> decoder.decode(Arrays.copyOf(realJpeg(), 300), "head.jpg"));
    }

    @Test
    void jpegWithOverwrittenScanDataIsUndecodable() {
        byte[] jpeg = realJpeg();
        Arrays.fill(jpeg, jpeg.length / 2, jpeg.length / 2 + 400, (byte) 0x55);
        assertRejected(RejectReason.UNDECODABLE, "smudged.jpg", () -> decoder.decode(jpeg, "smudged.jpg"));
    }

    @Test
    void truncatedPngIsUndecodable() {
        byte[] png = realPng();
        assertRejected(RejectReason.UNDECODABLE, "cut.png", () -> decoder.decode(Arrays.copyOf(png, png.length * 2 / 3), "cut.png"));
    }

    @Test
    void pngDeclaringSixtyThousandSquaredIsRefusedFromItsHeader() {
        // The file holds no pixel data at all: reaching the decode step would be UNDECODABLE, not TOO_LARGE.
        ImageRejected e = assertRejected(RejectReason.TOO_LARGE, "bomb.png",
                () -> decoder.decode(TestImages.pngHeaderOnly(60_000, 60_000), "bomb.png"));
        assertTrue(e.getMessage().contains("60000x60000"), e.getMessage());
    }

    @Test
    void pngHeaderWithinTheLimitButWithoutDataIsUndecodable() {
        assertRejected(RejectReason.UNDECODABLE, "hollow.png", () -> decoder.decode(TestImages.pngHeaderOnly(100, 100), "hollow.png"));
    }

    @Test
    void configuredPixelLimitApplies() {
        ImageDecoder small = new ImageDecoder(120 * 90 - 1, ImageDecoder.DEFAULT_MAX_BYTES);
        assertRejected(RejectReason.TOO_LARGE, "big.png", () -> small.decode(realPng(), "big.png"));
    }

    @Test
    void inputOverTheByteLimitIsRefusedUnread() {
        ImageDecoder small = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, 1000);
        assertRejected(RejectReason.TOO_LARGE, "heavy.jpg", () -> small.decode(realJpeg(), "heavy.jpg"));
    }

    @Test
    void textNamedPngIsUnknownFormat(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.png");
        Files.writeString(file, "this is a text file, not a picture\n", StandardCharsets.UTF_8);
        ImageRejected e = assertRejected(RejectReason.UNKNOWN_FORMAT, file.toString(), () -> decoder.decode(file));
        assertTrue(e.getMessage().contains("0x7468697320697320"), "shows the leading bytes: " + e.getMessage());
    }

    @Test
    void randomBytesAreUnknownFormat() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        assertRejected(RejectReason.UNKNOWN_FORMAT, "noise", () -> decoder.decode(noise, "noise"));
    }

    @Test
    void missingFileDirectoryAndOversizedFileAreRejected(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("gone.jpg");
        ImageRejected e = assertRejected(RejectReason.UNDECODABLE, missing.toString(), () -> decoder.decode(missing));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        assertRejected(RejectReason.UNDECODABLE, dir.toString(), () -> decoder.decode(dir));
        Path heavy = Files.write(dir.resolve("heavy.jpg"), realJpeg());
        ImageDecoder small = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, 100);
        assertRejected(RejectReason.TOO_LARGE, heavy.toString(), () -> small.decode(heavy));
    }

    @Test
    void decodingAFileNamesItByPath(@TempDir Path dir) throws IOException, ImageRejected {
        Path file = Files.write(dir.resolve("ok.png"), realPng());
        DecodedImage image = decoder.decode(file);
        assertEquals(120, image.width());
        assertEquals(90, image.height());
    }

    /**
     * Seeded random damage (flipped bytes, overwritten runs, cuts) to real files of every format:
     * the decoder returns an image or an ImageRejected, never any other exception.
     */
    @Test
    void mangledFilesNeverEscapeAsOtherExceptions() {
        BufferedImage picture = TestImages.image(BufferedImage.TYPE_INT_RGB, 40, 30, TestImages::pattern);
        byte[] profiled = TestImages.withIccProfile(realJpeg(), ICC_Profile.getInstance(ColorSpace.CS_sRGB));
        List<byte[]> originals = List.of(realJpeg(), profiled, realPng(), TestImages.encode(picture, "gif"),
                TestImages.encode(picture, "bmp"), TestImages.encode(picture, "tiff"));
        // Both JPEG decoders, on the same damaged files.
        for (ImageDecoder d : List.of(TurboJpegForTests.imageIoDecoder(), TurboJpegForTests.turboDecoder())) {
            Random random = new Random(42);
            int decoded = 0;
            int rejected = 0;
            for (byte[] original : originals) {
                for (int trial = 0; trial < 60; trial++) {
                    byte[] damaged = damage(original, random);
                    try {
                        assertNotNull(d.decode(damaged, "trial-" + trial));
                        decoded++;
                    } catch (ImageRejected e) {
                        assertTrue(e.getMessage().startsWith("trial-" + trial + ": "), e.getMessage());
                        rejected++;
                    } catch (RuntimeException | Error e) {
                        fail(d.jpegDecoding().name() + ": trial " + trial + " escaped as " + e, e);
                    }
                }
            }
            assertTrue(rejected > 0 && decoded + rejected == 360,
                    d.jpegDecoding().name() + ": " + decoded + " decoded, " + rejected + " rejected");
        }
    }

    private static byte[] damage(byte[] original, Random random) {
        byte[] copy = original.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int start = random.nextInt(copy.length);
                int end = Math.min(copy.length, start + 1 + random.nextInt(64));
                for (int i = start; i < end; i++) {
                    copy[i] = (byte) random.nextInt(256);
                }
            }
            default -> copy = Arrays.copyOf(copy, 1 + random.nextInt(copy.length - 1));
        }
        return copy;
    }
}
