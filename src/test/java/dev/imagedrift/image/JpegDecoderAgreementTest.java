package dev.imagedrift.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TurboJPEG gives exactly ImageIO's pixels: on every bundled JPEG, and on encodings of a real
 * photo that take each path through a decoder (chroma subsampling, progressive scans, restart
 * markers, grayscale, sizes that are not whole MCUs).
 */
class JpegDecoderAgreementTest {
    private final ImageDecoder turbo = TurboJpegForTests.turboDecoder();
    private final ImageDecoder imageIo = TurboJpegForTests.imageIoDecoder();

    /** Compares every sample; on a difference, says how many differ and by how much at most. */
    static void assertSamePixels(DecodedImage expected, DecodedImage actual, String what) {
        assertEquals(List.of(expected.width(), expected.height(), expected.isGray()),
                List.of(actual.width(), actual.height(), actual.isGray()), what + ": size and gray");
        long differing = 0;
        int worst = 0;
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                int d = Math.max(Math.abs(expected.red(x, y) - actual.red(x, y)),
                        Math.max(Math.abs(expected.green(x, y) - actual.green(x, y)),
                                Math.abs(expected.blue(x, y) - actual.blue(x, y))));
                if (d > 0) {
                    differing++;
                    worst = Math.max(worst, d);
                }
            }
        }
        assertEquals(0, differing, what + ": " + differing + " of " + expected.pixelCount()
                + " pixels differ, by up to " + worst + " levels");
    }

    private void assertAgree(byte[] jpeg, String what) throws ImageRejected {
        assertSamePixels(imageIo.decode(jpeg, what), turbo.decode(jpeg, what), what);
    }

    @Test
    void everyBundledJpegDecodesToTheSamePixels() throws ImageRejected {
        int files = 0;
        for (String folder : List.of("reference", "current", "current-brightened", "bench640")) {
            for (Path file : TestImages.sampleFiles(folder)) {
                assertSamePixels(imageIo.decode(file), turbo.decode(file), file.toString());
                files++;
            }
        }
        assertEquals(920, files);
    }

    @Test
    void everySubsamplingProgressiveAndRestartVariantDecodesToTheSamePixels() throws ImageRejected {
        BufferedImage photo = ImageCodec.toRgb(imageIo.decode(TestImages.sampleFiles("bench640").get(3)));
        List<String> checked = new ArrayList<>();
        // 640x480 is whole MCUs at every subsampling; 203x151 leaves partial MCUs on both edges.
        for (BufferedImage picture : List.of(photo, JpegVariants.crop(photo, 203, 151))) {
            for (JpegVariants.Subsampling s : List.of(JpegVariants.S444, JpegVariants.S422, JpegVariants.S420,
                    JpegVariants.S440, JpegVariants.S411)) {
                for (boolean progressive : List.of(false, true)) {
                    for (int restart : List.of(0, 3)) {
                        String what = picture.getWidth() + "x" + picture.getHeight() + " " + s.name()
                                + (progressive ? " progressive" : " baseline") + (restart > 0 ? " restart " + restart : "");
                        assertAgree(JpegVariants.encode(picture, 0.85f, s, progressive, restart), what);
                        checked.add(what);
                    }
                }
            }
        }
        assertEquals(40, checked.size());
    }

    @Test
    void grayscaleJpegsDecodeToTheSameGrayPixels() throws ImageRejected {
        BufferedImage photo = ImageCodec.toRgb(imageIo.decode(TestImages.sampleFiles("bench640").get(7)));
        for (BufferedImage gray : List.of(JpegVariants.gray(photo), JpegVariants.gray(JpegVariants.crop(photo, 203, 151)))) {
            for (boolean progressive : List.of(false, true)) {
                byte[] jpeg = JpegVariants.encode(gray, 0.85f, JpegVariants.S444, progressive, progressive ? 0 : 5);
                DecodedImage decoded = turbo.decode(jpeg, "gray");
                assertTrue(decoded.isGray());
                assertAgree(jpeg, "gray " + gray.getWidth() + "x" + gray.getHeight() + (progressive ? " progressive" : ""));
            }
        }
    }

    @Test
    void anEmbeddedIccProfileIsNotApplied() throws ImageRejected {
        byte[] plain = TestImages.read(TestImages.sampleFiles("bench640").get(5));
        byte[] tagged = TestImages.withIccProfile(plain,
                java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_LINEAR_RGB));
        assertSamePixels(imageIo.decode(plain, "plain"), turbo.decode(tagged, "tagged"), "linear-RGB profile");
    }
}
