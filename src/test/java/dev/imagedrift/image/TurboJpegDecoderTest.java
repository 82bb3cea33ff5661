package dev.imagedrift.image;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TurboJPEG path keeps ImageIO's rules: the same reject reasons for the same bad files, limits
 * checked from the header, harmless warnings accepted; and its own parts: decoder selection and
 * fallback, the reused per-thread buffer, reduced-scale decoding for fast mode.
 */
class TurboJpegDecoderTest {
    private final ImageDecoder turbo = TurboJpegForTests.turboDecoder();
    private final ImageDecoder imageIo = TurboJpegForTests.imageIoDecoder();

    private static byte[] photo() {
        return TestImages.read(TestImages.sampleFiles("bench640").get(0));
    }

    private RejectReason reasonFrom(ImageDecoder decoder, byte[] bytes) {
        return assertThrows(ImageRejected.class, () -> decoder.decode(bytes, "bad.jpg")).reason();
    }

    @Test
    void badFilesGetTheSameReasonFromBothDecoders() {
        byte[] jpeg = photo();
        List<byte[]> bad = List.of(Arrays.copyOf(jpeg, jpeg.length / 2), Arrays.copyOf(jpeg, 200),
                TestImages.fourComponentJpeg(-1), TestImages.fourComponentJpeg(2), TestImages.fourComponentJpeg(1),
                new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        List<RejectReason> expected = List.of(RejectReason.UNDECODABLE, RejectReason.UNDECODABLE,
                RejectReason.UNSUPPORTED_PIXEL_FORMAT, RejectReason.UNSUPPORTED_PIXEL_FORMAT,
                RejectReason.UNSUPPORTED_PIXEL_FORMAT, RejectReason.UNDECODABLE);
        for (int i = 0; i < bad.size(); i++) {
            assertEquals(expected.get(i), reasonFrom(imageIo, bad.get(i)), "ImageIO, file " + i);
            assertEquals(expected.get(i), reasonFrom(turbo, bad.get(i)), "TurboJPEG, file " + i);
        }
    }

    @Test
    void aHugeDeclaredSizeIsRefusedFromTheHeader() throws ImageRejected {
        byte[] jpeg = withDeclaredSize(photo(), 60000, 60000);
        ImageRejected e = assertThrows(ImageRejected.class, () -> turbo.decode(jpeg, "huge.jpg"));
        assertEquals(RejectReason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("60000x60000"), e.getMessage());
        ImageDecoder small = new ImageDecoder(640 * 480 - 1, ImageDecoder.DEFAULT_MAX_BYTES,
                TurboJpegForTests.required(), JpegScaling.FULL);
        assertEquals(RejectReason.TOO_LARGE, reasonFrom(small, photo()));
        assertEquals(640, turbo.decode(photo(), "ok").width());
    }

    @Test
    void extraneousBytesBeforeTheEndMarkerAreHarmlessForBoth() throws ImageRejected {
        byte[] jpeg = photo();
        // Junk between the entropy-coded data and EOI: libjpeg warns "extraneous bytes before marker".
        ByteBuffer padded = ByteBuffer.allocate(jpeg.length + 3);
        padded.put(jpeg, 0, jpeg.length - 2).put(new byte[] {1, 2, 3}).put(jpeg, jpeg.length - 2, 2);
        byte[] odd = padded.array();
        JpegDecoderAgreementTest.assertSamePixels(imageIo.decode(odd, "odd"), turbo.decode(odd, "odd"), "odd");
        JpegDecoderAgreementTest.assertSamePixels(imageIo.decode(jpeg, "plain"), turbo.decode(odd, "odd"), "plain");
    }

    @Test
    void transientDecodesReuseTheThreadsBufferAndPlainDecodesDoNot() throws ImageRejected {
        Path a = TestImages.sampleFiles("bench640").get(1);
        Path b = TestImages.sampleFiles("bench640").get(2);
        byte[] first = turbo.decodeTransiently(a, DecodedImage::data);
        byte[] second = turbo.decodeTransiently(b, DecodedImage::data);
        assertSame(first, second);
        DecodedImage kept = turbo.decode(a);
        assertNotSame(first, kept.data());
        assertNotSame(kept.data(), turbo.decode(a).data());
    }

    @Test
    void anUnusableJarFallsBackToImageIoAndSaysWhy() {
        JpegDecoding fallback = JpegDecoding.select(JpegDecoding.Preference.AUTO, Path.of("/nonexistent/turbojpeg.jar"));
        if (fallback.supportsReducedScale()) {
            // The binding is on the class path itself: the jar path is then never looked at.
            assertEquals(JpegDecoding.TURBOJPEG, fallback.name());
            return;
        }
        assertEquals(JpegDecoding.IMAGEIO, fallback.name());
        assertTrue(fallback.description().contains("/nonexistent/turbojpeg.jar not found"), fallback.description());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JpegDecoding.select(JpegDecoding.Preference.TURBOJPEG, Path.of("/nonexistent/turbojpeg.jar")));
        assertTrue(e.getMessage().contains("libturbojpeg-java"), e.getMessage());
        assertEquals(JpegDecoding.IMAGEIO, JpegDecoding.select(JpegDecoding.Preference.IMAGEIO, null).name());
    }

    @Test
    void fastModeNeedsTurboJpeg() {
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(1000, 1000, JpegDecoding.imageIo(),
                JpegScaling.FAST));
    }

    @Test
    void theFastRuleKeepsAtLeastTenThousandPixels() {
        assertEquals(10_000, JpegScaling.FAST_MIN_PIXELS);
        assertEquals(1, JpegScaling.FAST.denominator(100, 100));     // 1/2 would leave 2,500
        assertEquals(2, JpegScaling.FAST.denominator(320, 240));     // 160x120; 1/4 would leave 4,800
        assertEquals(4, JpegScaling.FAST.denominator(640, 480));     // 160x120; 1/8 would leave 4,800
        assertEquals(8, JpegScaling.FAST.denominator(1280, 720));    // 160x90 = 14,400
        assertEquals(8, JpegScaling.FAST.denominator(3840, 2160));   // the largest reduction there is
        assertEquals(1, JpegScaling.FULL.denominator(3840, 2160));
    }

    @Test
    void fastModeDecodesAtReducedScaleAndRemembersTheFullSize() throws ImageRejected {
        ImageDecoder fast = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, ImageDecoder.DEFAULT_MAX_BYTES,
                TurboJpegForTests.required(), JpegScaling.FAST);
        DecodedImage image = fast.decode(photo(), "photo");
        assertEquals(List.of(160, 120, 640, 480), List.of(image.width(), image.height(), image.sourceWidth(),
                image.sourceHeight()));
        assertTrue(image.isScaled());
        // 403x301 is not whole blocks: 1/2 scale rounds up to 202x151 (1/4 would leave 101x76 = 7,676 pixels).
        byte[] odd = JpegVariants.encode(JpegVariants.crop(ImageCodec.toRgb(imageIo.decode(photo(), "p")), 403, 301),
                0.85f, JpegVariants.S420, false, 0);
        DecodedImage small = fast.decode(odd, "odd");
        assertEquals(List.of(202, 151, 403, 301), List.of(small.width(), small.height(), small.sourceWidth(),
                small.sourceHeight()));
        // Other formats are decoded whole.
        byte[] png = TestImages.encode(ImageCodec.toRgb(image), "png");
        assertFalse(fast.decode(png, "png").isScaled());
    }

    @Test
    void fastModeWithExifOrientationTurnsTheFullSizeToo() throws ImageRejected {
        ImageDecoder fastApplying = new ImageDecoder(DecodeLimits.defaults(), ExifOrientation.APPLY,
                DecodeMemory.shared(), TurboJpegForTests.required(), JpegScaling.FAST);
        DecodedImage turned = fastApplying.decode(ExifOrientationTest.jpegWithExif(photo(), 6), "turned.jpg");
        assertEquals(List.of(120, 160, 480, 640), List.of(turned.width(), turned.height(), turned.sourceWidth(),
                turned.sourceHeight()));
        double[] values = dev.imagedrift.properties.PropertySet.defaults().compute(turned);
        assertEquals(640.0 / 480, values[0], 1e-12, "aspect ratio of the full, turned image");
        assertEquals(307_200, values[1]);
    }

    /** The JPEG with the width and height in its SOF segment replaced. */
    private static byte[] withDeclaredSize(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        for (int i = 2; i + 9 < out.length; ) {
            int marker = out[i + 1] & 0xFF;
            int length = (out[i + 2] & 0xFF) << 8 | (out[i + 3] & 0xFF);
            if (marker == 0xC0 || marker == 0xC2) {
                out[i + 5] = (byte) (height >> 8);
                out[i + 6] = (byte) height;
                out[i + 7] = (byte) (width >> 8);
                out[i + 8] = (byte) width;
                return out;
            }
            i += 2 + length;
        }
        throw new IllegalArgumentException("no SOF0/SOF2 segment");
    }
}
