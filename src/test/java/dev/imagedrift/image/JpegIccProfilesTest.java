package dev.imagedrift.image;

import org.junit.jupiter.api.Test;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Embedded ICC profiles are cut out of JPEGs so ImageIO neither converts nor slows down. */
class JpegIccProfilesTest {
    private final ImageDecoder decoder = ImageDecoder.withDefaults();

    private static byte[] plainJpeg() {
        return TestImages.read(TestImages.sampleFiles("bench640").get(5));
    }

    private static void assertSamePixels(DecodedImage expected, DecodedImage actual, String what) {
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                if (expected.red(x, y) != actual.red(x, y) || expected.green(x, y) != actual.green(x, y)
                        || expected.blue(x, y) != actual.blue(x, y)) {
                    throw new AssertionError(what + ": pixel " + x + "," + y + " differs");
                }
            }
        }
    }

    @Test
    void profileSegmentsAreCutAndEverythingElseKept() {
        byte[] plain = plainJpeg();
        byte[] once = TestImages.withIccProfile(plain, ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB));
        byte[] twice = TestImages.withIccProfile(once, ICC_Profile.getInstance(ColorSpace.CS_sRGB));
        assertArrayEquals(plain, JpegIccProfiles.strip(once));
        assertArrayEquals(plain, JpegIccProfiles.strip(twice));
    }

    @Test
    void inputsWithoutProfilesAreReturnedAsTheyAre() {
        byte[] plain = plainJpeg();
        assertSame(plain, JpegIccProfiles.strip(plain));
        byte[] png = TestImages.pngHeaderOnly(10, 10);
        assertSame(png, JpegIccProfiles.strip(png));
        byte[] tiny = {(byte) 0xFF, (byte) 0xD8};
        assertSame(tiny, JpegIccProfiles.strip(tiny));
    }

    @Test
    void malformedSegmentLengthStopsTheSearchAndIsLeftToTheDecoder() {
        byte[] broken = TestImages.withIccProfile(plainJpeg(), ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB));
        broken[4] = (byte) 0xFF; // the profile segment now claims to run past the end of the file
        broken[5] = (byte) 0xFF;
        byte[] cut = Arrays.copyOf(broken, 6000);
        assertSame(cut, JpegIccProfiles.strip(cut));
        assertEquals(RejectReason.UNDECODABLE, assertThrows(ImageRejected.class, () -> decoder.decode(cut, "broken")).reason());
    }

    @Test
    void srgbProfileChangesNoPixel() throws ImageRejected {
        for (Path file : TestImages.sampleFiles("bench640").subList(0, 5)) {
            byte[] plain = TestImages.read(file);
            byte[] tagged = TestImages.withIccProfile(plain, ICC_Profile.getInstance(ColorSpace.CS_sRGB));
            assertSamePixels(decoder.decode(plain, "plain"), decoder.decode(tagged, "tagged"), file.toString());
        }
    }

    @Test
    void truncatedJpegWithProfileIsStillUndecodable() {
        byte[] tagged = TestImages.withIccProfile(plainJpeg(), ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB));
        byte[] cut = Arrays.copyOf(tagged, tagged.length * 2 / 3);
        assertEquals(RejectReason.UNDECODABLE, assertThrows(ImageRejected.class, () -> decoder.decode(cut, "cut")).reason());
    }
}
