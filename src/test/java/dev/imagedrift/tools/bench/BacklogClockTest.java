package dev.imagedrift.tools.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacklogClockTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    /**
     * The old backlog spread events over the first 50 minutes of the hour, so at :19 past the hour
     * 40% of them were more than the 10-minute skew bound ahead of the clock. Whatever the minute,
     * every event must now be in the past and in the one open window.
     */
    @Test
    void everyEventIsInThePastAndInTheOpenWindowAtAnyMinute() {
        Instant hour = Instant.parse("2026-12-03T15:00:00Z");
        for (long offset : new long[] {0, 1, 19 * 60_000L, 50 * 60_000L + 1, HOUR - 1}) {
            long now = hour.toEpochMilli() + offset;
            BacklogClock clock = new BacklogClock(HOUR, now);
            assertEquals(hour.toEpochMilli(), clock.windowStart(), "at +" + offset + " ms");
            long previous = Long.MIN_VALUE;
            int n = 10_000;
            for (int i = 0; i < n; i++) {
                long t = clock.time(i, n);
                assertTrue(t >= hour.toEpochMilli() && t <= now, "event " + i + " at +" + offset + " ms: " + t);
                assertTrue(t >= previous, "in order");
                previous = t;
            }
        }
    }

    @Test
    void eventsSpreadOverThePassedPartOfTheWindow() {
        long start = Instant.parse("2026-12-03T15:00:00Z").toEpochMilli();
        BacklogClock clock = new BacklogClock(HOUR, start + 600_000);
        assertEquals(start, clock.time(0, 100));
        assertEquals(start + 300_000, clock.time(50, 100));
    }
}
