package dev.imagedrift.app;

import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.stream.RecordFailures;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failed stream threads are replaced after a doubling backoff, and the client is shut down past the bound. */
class StreamThreadFailuresTest {
    private final List<Duration> waits = new ArrayList<>();

    @Test
    void backoffDoublesAndTooManyReplacementsInThePeriodShutTheClientDown() {
        MonitorConfig.Reliability settings = new MonitorConfig.Reliability(3, 3, Duration.ofMinutes(10),
                Duration.ofSeconds(2), null);
        StreamThreadFailures f = new StreamThreadFailures(new RecordFailures(3), settings,
                Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC), waits::add);
        for (int i = 0; i < 3; i++) {
            assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, f.handle(new IllegalStateException("x")));
        }
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)), waits);
        assertFalse(f.gaveUp());
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, f.handle(new IllegalStateException("x")));
        assertTrue(f.gaveUp());
        assertEquals(StreamThreadFailures.MAX_BACKOFF, f.backoff(30), "capped");
    }

    @Test
    void replacementsOlderThanThePeriodNoLongerCount() {
        MonitorConfig.Reliability settings = new MonitorConfig.Reliability(3, 1, Duration.ofMinutes(10),
                Duration.ZERO, null);
        MutableClock clock = new MutableClock();
        StreamThreadFailures f = new StreamThreadFailures(new RecordFailures(3), settings, clock, waits::add);
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, f.handle(new IllegalStateException("x")));
        assertEquals(1, f.recentReplacements());
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertEquals(0, f.recentReplacements());
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, f.handle(new IllegalStateException("x")));
        assertTrue(waits.isEmpty(), "no backoff configured");
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
