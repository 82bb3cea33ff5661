package dev.imagedrift.image;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raw pixel buffers: 1, 3 and 4 channels wrapped as they are; wrong shapes refused with a clear reason. */
class ImageDecoderRawTest {
    private final ImageDecoder decoder = ImageDecoder.withDefaults();

    @Test
    void grayBufferIsWrappedAsGray() throws ImageRejected {
        byte[] pixels = {0, 50, 100, (byte) 150, (byte) 200, (byte) 250};
        DecodedImage image = decoder.fromRaw(3, 2, 1, pixels, "raw-gray");
        assertTrue(image.isGray());
        assertSame(pixels, image.data());
        assertEquals(200, image.red(1, 1));
    }

    @Test
    void rgbBufferIsRedGreenBlueInOrder() throws ImageRejected {
        DecodedImage image = decoder.fromRaw(2, 1, 3, new byte[] {1, 2, 3, 4, 5, 6}, "raw-rgb");
        assertFalse(image.isGray());
        assertEquals(List.of(4, 5, 6), List.of(image.red(1, 0), image.green(1, 0), image.blue(1, 0)));
    }

    @Test
    void rgbaBufferSkipsAlpha() throws ImageRejected {
        DecodedImage image = decoder.fromRaw(2, 1, 4, new byte[] {1, 2, 3, 0, 4, 5, 6, (byte) 255}, "raw-rgba");
        assertEquals(4, image.pixelStride());
        assertEquals(List.of(1, 2, 3), List.of(image.red(0, 0), image.green(0, 0), image.blue(0, 0)));
        assertEquals(List.of(4, 5, 6), List.of(image.red(1, 0), image.green(1, 0), image.blue(1, 0)));
    }

    private ImageRejected rejected(RejectReason reason, int w, int h, int channels, byte[] pixels) {
        ImageRejected e = assertThrows(ImageRejected.class, () -> decoder.fromRaw(w, h, channels, pixels, "frame-9"));
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage().startsWith("frame-9: "), e.getMessage());
        return e;
    }

    @Test
    void wrongSizeIsBadRawBuffer() {
        ImageRejected e = rejected(RejectReason.BAD_RAW_BUFFER, 4, 4, 3, new byte[47]);
        assertTrue(e.getMessage().contains("needs 48 bytes, got 47"), e.getMessage());
        rejected(RejectReason.BAD_RAW_BUFFER, 4, 4, 1, new byte[17]);
        rejected(RejectReason.BAD_RAW_BUFFER, 4, 4, 4, null);
    }

    @Test
    void unsupportedChannelCountsAndEmptyDimensionsAreBadRawBuffer() {
        rejected(RejectReason.BAD_RAW_BUFFER, 2, 2, 2, new byte[8]);
        rejected(RejectReason.BAD_RAW_BUFFER, 0, 2, 1, new byte[0]);
        rejected(RejectReason.BAD_RAW_BUFFER, 2, -1, 1, new byte[2]);
    }

    @Test
    void overThePixelLimitIsTooLargeBeforeTheBufferIsLookedAt() {
        ImageDecoder small = new ImageDecoder(99, ImageDecoder.DEFAULT_MAX_BYTES);
        ImageRejected e = assertThrows(ImageRejected.class, () -> small.fromRaw(10, 10, 3, new byte[1], "frame-9"));
        assertEquals(RejectReason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("10x10"), e.getMessage());
        assertEquals(RejectReason.TOO_LARGE, assertThrows(ImageRejected.class,
                () -> decoder.fromRaw(60_000, 60_000, 1, new byte[1], "huge")).reason());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(1, -1));
    }
}
