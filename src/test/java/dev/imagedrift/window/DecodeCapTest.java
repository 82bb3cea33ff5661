package dev.imagedrift.window;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecodeCapTest {
    @Test
    void noCapWithoutAPreviousWindowOrWhenItWasSmall() {
        assertEquals(DecodeCap.NONE, DecodeCap.fromPreviousCount(0, 100));
        assertEquals(DecodeCap.NONE, DecodeCap.fromPreviousCount(150, 100));
        assertEquals(DecodeCap.NONE, DecodeCap.fromPreviousCount((long) (DecodeCap.HEADROOM * 100), 100));
    }

    @Test
    void capIsHeadroomTimesKOverTheCountAsAShareOfAllPriorities() {
        long cap = DecodeCap.fromPreviousCount(1_000_000, 10_000);
        double share = (cap >>> 1) / 0x1p63; // cap / 2^64
        assertEquals(DecodeCap.HEADROOM * 10_000 / 1_000_000, share, 1e-12);
        assertEquals(cap, DecodeCap.min(cap, DecodeCap.NONE));
        assertEquals(cap, DecodeCap.min(DecodeCap.NONE, cap));
    }
}
