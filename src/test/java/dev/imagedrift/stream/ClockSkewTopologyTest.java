package dev.imagedrift.stream;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.imagedrift.stream.TopologyFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Windows close on each stream's own event time: one device whose clock is minutes ahead cannot
 * make the on-time events of other streams late (the scenario of issue 9), and the number of
 * streams a partition tracks is bounded.
 */
class ClockSkewTopologyTest {
    @TempDir
    Path dir;

    @Test
    void oneEventNineMinutesAheadDoesNotMakeOtherStreamsLate() throws Exception {
        try (TopologyFixture f = new TopologyFixture(dir, Map.of("IMAGEDRIFT_DETECTION_MIN_SAMPLES", "2"))) {
            f.pipeWindow("good", T0, 5_000, 20, 0);
            long nineMinutesAhead = T0 + 5_000 + 9 * 60_000;
            f.pipe("bad", nineMinutesAhead, TopologyFixture.propertiesEvent("skewed", "bad", nineMinutesAhead,
                    f.normalRow(0)));
            f.pipeWindow("good", T0 + 5_000, 5_000, 20, 0); // on time: the rest of the window
            f.pipeWindow("good", T0 + 12_000, 1_000, 1, 0); // the stream's own time passes end + grace
            assertTrue(f.listener.late.isEmpty(), "no on-time event of 'good' is late: " + f.listener.late);
            List<ScoreRecord> good = f.scoresFor("good");
            assertEquals(1, good.size());
            assertEquals(40, good.get(0).eventsCounted(), "every event of the window, before and after the bad one");
            List<TestRecord<byte[], byte[]>> dead = f.deadLetters.readRecordsToList();
            assertTrue(dead.isEmpty(), "nothing dead-lettered");
        }
    }

    @Test
    void aStreamThatWentQuietHasItsWindowClosedOnThePartitionsTimeLessTheSkew() throws Exception {
        try (TopologyFixture f = new TopologyFixture(dir, Map.of("IMAGEDRIFT_DETECTION_MIN_SAMPLES", "2",
                "IMAGEDRIFT_WINDOW_MAX_CLOCK_SKEW", "1m"))) {
            f.pipeWindow("quiet", T0, 10_000, 10, 0);
            long other = T0 + 12_000 + 60_000; // the partition's time less the skew reaches end + grace
            f.pipe("busy", other - 1, TopologyFixture.propertiesEvent("b1", "busy", other - 1, f.normalRow(0)));
            assertTrue(f.scoresFor("quiet").isEmpty(), "not before end + grace + skew");
            f.pipe("busy", other, TopologyFixture.propertiesEvent("b2", "busy", other, f.normalRow(0)));
            assertEquals(1, f.scoresFor("quiet").size());
        }
    }

    @Test
    void newStreamsBeyondTheLimitAreDeadLetteredAndTheTrackedOnesGoOn() throws Exception {
        try (TopologyFixture f = new TopologyFixture(dir, Map.of("IMAGEDRIFT_WINDOW_MAX_STREAMS", "2",
                "IMAGEDRIFT_DETECTION_MIN_SAMPLES", "2"))) {
            f.pipeWindow("cam-1", T0, 5_000, 5, 0);
            f.pipeWindow("cam-2", T0, 5_000, 5, 0);
            f.pipeWindow("cam-3", T0, 5_000, 3, 0);
            f.pipeWindow("cam-1", T0 + 5_000, 5_000, 5, 0);
            List<TestRecord<byte[], byte[]>> dead = f.deadLetters.readRecordsToList();
            assertEquals(3, dead.size());
            for (TestRecord<byte[], byte[]> d : dead) {
                assertEquals("too_many_streams", DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.REASON));
                assertTrue(new String(d.value(), java.nio.charset.StandardCharsets.UTF_8).contains("\"cam-3\""),
                        "the event, replayable");
            }
            f.pipeWindow("cam-1", T0 + 12_000, 1_000, 1, 0); // its own time closes its first window
            assertEquals(10, f.scoresFor("cam-1").get(0).eventsCounted());
            assertEquals(3, f.listener.deadLetters.stream().filter(r -> r == DeadLetterReason.TOO_MANY_STREAMS).count());
        }
    }
}
