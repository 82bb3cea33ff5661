package dev.imagedrift.image;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The process-wide pool: reservations add up to at most its capacity, across threads. */
class DecodeMemoryTest {
    @Test
    void aSecondReservationWaitsUntilTheFirstIsReturned() throws Exception {
        DecodeMemory pool = new DecodeMemory(10 << 20);
        DecodeMemory.Reservation first = pool.reserve(8 << 20);
        assertEquals(2 << 20, pool.availableBytes());
        AtomicBoolean second = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (DecodeMemory.Reservation r = pool.reserve(4 << 20)) {
                second.set(true);
            }
            done.countDown();
        });
        t.start();
        assertFalse(done.await(200, TimeUnit.MILLISECONDS), "4 MiB must wait while 8 of 10 MiB are held");
        assertFalse(second.get());
        first.close();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertTrue(second.get());
        assertEquals(10 << 20, pool.availableBytes());
    }

    @Test
    void aReservationLargerThanThePoolTakesAllOfItAndClosingTwiceReturnsOnce() {
        DecodeMemory pool = new DecodeMemory(1 << 20);
        DecodeMemory.Reservation r = pool.reserve(5L << 30);
        assertEquals(0, pool.availableBytes());
        r.close();
        r.close();
        assertEquals(1 << 20, pool.capacityBytes());
        assertEquals(1 << 20, pool.availableBytes());
    }

    @Test
    void decodesReturnWhatTheyReservedEvenWhenRefused() throws ImageRejected {
        DecodeMemory pool = new DecodeMemory(64 << 20);
        ImageDecoder decoder = new ImageDecoder(DecodeLimits.defaults().withMaxDecodeBytes(64 << 20),
                ExifOrientation.IGNORE, pool);
        decoder.decode(TestImages.readResource("webp/photo-lossy.webp"), "ok.webp");
        byte[] broken = TestImages.readResource("webp/photo-lossless.webp");
        java.util.Arrays.fill(broken, 40, broken.length, (byte) 0x5A);
        assertThrows(ImageRejected.class, () -> decoder.decode(broken, "broken.webp"));
        assertEquals(64 << 20, pool.availableBytes());
    }

    @Test
    void defaultBudgetIsAQuarterOfTheHeap() {
        assertEquals(Runtime.getRuntime().maxMemory() / DecodeLimits.HEAP_SHARE_DIVISOR,
                DecodeLimits.defaultMaxDecodeBytes());
        assertEquals(DecodeLimits.defaultMaxDecodeBytes(), DecodeLimits.defaults().maxDecodeBytes());
        assertTrue(DecodeMemory.shared().capacityBytes() >= DecodeLimits.defaultMaxDecodeBytes());
    }
}
