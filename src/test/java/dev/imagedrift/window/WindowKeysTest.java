package dev.imagedrift.window;

import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowKeysTest {
    @Test
    void indexKeysSortByWindowEnd() {
        Bytes a = Bytes.wrap(WindowKeys.index(1_000, 0, "zeta"));
        Bytes b = Bytes.wrap(WindowKeys.index(2_000, 1_000, "alpha"));
        Bytes c = Bytes.wrap(WindowKeys.index(300_000_000_000L, 1_000, "alpha"));
        assertTrue(a.compareTo(b) < 0);
        assertTrue(b.compareTo(c) < 0);
        WindowKeys.IndexEntry e = WindowKeys.parseIndex(WindowKeys.index(2_000, 1_000, "kamera-ü"));
        assertEquals(new WindowKeys.IndexEntry(2_000, 1_000, "kamera-ü"), e);
    }

    @Test
    void samplesOfAWindowAreAContiguousRangeInPriorityOrderApartFromOtherStreamsAndWindows() {
        byte[] w = WindowKeys.window("cam", 300_000);
        Bytes first = Bytes.wrap(WindowKeys.firstSample(w));
        Bytes last = Bytes.wrap(WindowKeys.lastSample(w));
        Bytes low = Bytes.wrap(WindowKeys.sample(w, 9_999));
        Bytes high = Bytes.wrap(WindowKeys.sample(w, 0x8000_0000_0000_0001L)); // negative as signed: large unsigned
        Bytes nextWindow = Bytes.wrap(WindowKeys.sample(WindowKeys.window("cam", 600_000), 0));
        Bytes longerName = Bytes.wrap(WindowKeys.sample(WindowKeys.window("cam2", 300_000), 0));
        assertTrue(first.compareTo(low) < 0 && low.compareTo(high) < 0 && high.compareTo(last) < 0,
                "byte order is unsigned priority order");
        assertEquals(0x8000_0000_0000_0001L, WindowKeys.samplePriority(high.get()));
        assertTrue(nextWindow.compareTo(first) < 0 || nextWindow.compareTo(last) > 0);
        assertTrue(longerName.compareTo(first) < 0 || longerName.compareTo(last) > 0);
    }

    @Test
    void samplesRoundTripIncludingNaN() {
        double[] values = {1.5, Double.NaN, 255, 0.333};
        SampleCodec.Sample s = SampleCodec.decode(SampleCodec.encode("img-ä/7.jpg", values));
        assertEquals("img-ä/7.jpg", s.id());
        assertArrayEquals(values, s.values());
    }
}
