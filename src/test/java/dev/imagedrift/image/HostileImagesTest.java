package dev.imagedrift.image;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every crafted file of {@link HostileImages} under the budget of a 512 MiB pod (128 MiB): refused
 * with its reason, or decoded with the hostile part defused; and in both cases the decode allocates
 * a bounded amount of heap (measured, not assumed), never the gigabytes the file declares.
 */
class HostileImagesTest {
    /** A quarter of a 512 MiB heap: the default budget of the production pod. */
    static final long POD_BUDGET = 128L << 20;
    /** Heap a refusal or a defused decode may take besides copies of the input: headers, tables, a small raster. */
    private static final long SLACK = 8L << 20;
    /** A hang guard, not a timing goal: every case takes milliseconds. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private static final ImageDecoder DECODER = new ImageDecoder(
            DecodeLimits.defaults().withMaxDecodeBytes(POD_BUDGET), ExifOrientation.IGNORE, new DecodeMemory(POD_BUDGET));

    @BeforeAll
    static void warmUp() throws ImageRejected {
        // Load each reader's classes and tables once, so their one-time allocations do not count.
        BufferedImage image = TestImages.image(BufferedImage.TYPE_INT_RGB, 8, 8, TestImages::pattern);
        for (String format : List.of("png", "bmp", "gif", "tiff")) {
            DECODER.decode(TestImages.encode(image, format), "warm-up." + format);
        }
        DECODER.decode(ImageCodec.encodeJpeg(image, 0.9f), "warm-up.jpg");
        DECODER.decode(HostileImages.progressiveJpeg(), "warm-up-progressive.jpg");
        DECODER.decode(TestImages.readResource("webp/photo-lossless.webp"), "warm-up.webp");
        DECODER.decode(TestImages.readResource("webp/photo-lossy.webp"), "warm-up.webp");
    }

    @TestFactory
    List<DynamicTest> eachHostileFileIsRefusedOrDefusedWithinBoundedMemory() {
        return HostileImages.all().stream()
                .map(h -> DynamicTest.dynamicTest(h.toString(), () -> assertTimeoutPreemptively(HANG_GUARD, () -> check(h))))
                .toList();
    }

    private static void check(HostileImages.Hostile h) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        long allocated = Allocations.measure(() -> {
            try {
                outcome.set(DECODER.decode(h.bytes(), "hostile"));
            } catch (ImageRejected e) {
                outcome.set(e);
            } catch (Throwable t) {
                fail("escaped as " + t, t);
            }
        });
        Object result = outcome.get();
        if (h.expected() == null) {
            if (result instanceof ImageRejected e) {
                fail("should decode with its hostile part defused, was refused: " + e.getMessage());
            }
            assertNotNull(result);
        } else {
            if (!(result instanceof ImageRejected e)) {
                fail("should be refused as " + h.expected().code() + ", was decoded");
                return;
            }
            assertEquals(h.expected(), e.reason(), e.getMessage());
            assertTrue(e.getMessage().startsWith("hostile: "), e.getMessage());
        }
        long bound = SLACK + 3L * h.bytes().length;
        assertTrue(allocated <= bound, "allocated " + allocated + " bytes, bound " + bound);
    }
}
