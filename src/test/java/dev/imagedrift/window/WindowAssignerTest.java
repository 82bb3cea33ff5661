package dev.imagedrift.window;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WindowAssignerTest {
    @Test
    void tumblingWindowsAreAlignedToTheEpoch() {
        WindowAssigner w = new WindowAssigner(Duration.ofMinutes(5), Duration.ofMinutes(5));
        assertArrayEquals(new long[] {0}, w.windowStartsFor(0));
        assertArrayEquals(new long[] {0}, w.windowStartsFor(299_999));
        assertArrayEquals(new long[] {300_000}, w.windowStartsFor(300_000));
        assertArrayEquals(new long[] {1_764_338_400_000L}, w.windowStartsFor(1_764_338_400_000L + 123_456));
    }

    @Test
    void hoppingWindowsContainTheTimestampOldestFirst() {
        WindowAssigner w = new WindowAssigner(Duration.ofMinutes(10), Duration.ofMinutes(5));
        assertArrayEquals(new long[] {300_000, 600_000}, w.windowStartsFor(700_000));
        assertArrayEquals(new long[] {0}, w.windowStartsFor(100_000), "no window may start before the epoch");
    }

    @Test
    void advanceMustDivideSize() {
        assertThrows(IllegalArgumentException.class, () -> new WindowAssigner(Duration.ofMinutes(10), Duration.ofMinutes(3)));
        assertThrows(IllegalArgumentException.class, () -> new WindowAssigner(Duration.ofMinutes(5), Duration.ofMinutes(10)));
    }
}
