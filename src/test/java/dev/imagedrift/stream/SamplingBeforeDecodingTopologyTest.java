package dev.imagedrift.stream;

import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.DriftDetector;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.Samples;
import dev.imagedrift.window.SamplePriority;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static dev.imagedrift.stream.TopologyFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sampling before decoding through the whole topology: an image is decoded only if it can still
 * enter one of its windows' samples, every event is counted, and the sample each window is scored
 * on is exactly the k smallest priorities among all its events.
 */
class SamplingBeforeDecodingTopologyTest {
    private static final int K = 40;
    private static final SamplePriority PRIORITIES = new SamplePriority(42); // detection.seed's default

    @TempDir
    Path dir;

    /** The ids each evaluated window's sample held, in evaluation order. */
    private final List<Set<String>> evaluatedSamples = new ArrayList<>();
    /** Input offset of every event piped, by id (the priority's input). */
    private final Map<String, Long> offsets = new LinkedHashMap<>();
    private long nextOffset;

    private final UnaryOperator<DriftDetector> recordSamples = real -> new DriftDetector() {
        @Override
        public DriftResult detect(Samples reference, Samples current) {
            evaluatedSamples.add(new HashSet<>(current.ids()));
            return real.detect(reference, current);
        }

        @Override
        public DetectorSettings settings() {
            return real.settings();
        }
    };

    private TopologyFixture fixture(Map<String, String> overrides) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        all.put("IMAGEDRIFT_WINDOW_MAX_SAMPLES", Integer.toString(K));
        all.put("IMAGEDRIFT_DETECTION_MIN_SAMPLES", "2");
        return new TopologyFixture(dir, all, recordSamples);
    }

    private void pipeImage(TopologyFixture f, byte[] jpeg, String id, long time) {
        RecordHeaders h = new RecordHeaders();
        h.add(EventParser.ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
        f.events.pipeInput(new TestRecord<>("cam".getBytes(StandardCharsets.UTF_8), jpeg, h, time));
        offsets.put(id, nextOffset++);
    }

    private void tick(TopologyFixture f, long time) {
        f.advanceStreamTime(time);
        nextOffset++;
    }

    /** The ids of the k smallest priorities among the given events in the window starting at {@code windowStart}. */
    private Set<String> bottomK(List<String> ids, long windowStart) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort((a, b) -> Long.compareUnsigned(PRIORITIES.of("cam", windowStart, 0, offsets.get(a)),
                PRIORITIES.of("cam", windowStart, 0, offsets.get(b))));
        return new HashSet<>(sorted.subList(0, Math.min(K, sorted.size())));
    }

    @Test
    void aStreamFarAboveItsSampleIsCountedInFullButDecodedLittleAndSampledExactly() throws Exception {
        byte[] jpeg = DriftTopologyTest.encode("jpeg", 8, 6);
        int n = 1_500;
        try (TopologyFixture f = fixture(Map.of())) {
            List<String> first = new ArrayList<>();
            List<String> second = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                first.add("a" + i);
                pipeImage(f, jpeg, "a" + i, T0 + i * 6L);
            }
            int firstDecodes = f.listener.processed.get();
            for (int i = 0; i < n; i++) {
                second.add("b" + i);
                pipeImage(f, jpeg, "b" + i, T0 + 10_000 + i * 6L);
            }
            int secondDecodes = f.listener.processed.get() - firstDecodes;
            tick(f, T0 + 22_000);

            List<ScoreRecord> scores = f.scoresFor("cam");
            assertEquals(2, scores.size());
            for (ScoreRecord s : scores) {
                assertEquals(n, s.eventsCounted(), "every event counted, decoded or not");
                assertEquals(K, s.nCurrent());
            }
            assertEquals(bottomK(first, T0), evaluatedSamples.get(0), "the k smallest priorities of the window");
            assertEquals(bottomK(second, T0 + 10_000), evaluatedSamples.get(1));
            // First window (no previous count): about k(1 + ln(n/k)) = 185 decodes, not 1,500.
            double insertions = K * (1 + Math.log((double) n / K));
            assertTrue(firstDecodes <= 1.25 * insertions && firstDecodes >= K, "first window decodes " + firstDecodes);
            // Second window, thinned by the first one's count: about k(1 + ln 2) = 68.
            assertTrue(secondDecodes <= 2.5 * K && secondDecodes >= K, "second window decodes " + secondDecodes);
            assertEquals(2 * n, f.listener.processed.get() - 1 + f.listener.notDecoded.get(), "each event decoded or counted");
            assertTrue(f.deadLetters.isEmpty());
        }
    }

    @Test
    void lateEventsThatWereNotDecodedAreDeadLetteredAsTheirEnvelope() throws Exception {
        byte[] jpeg = DriftTopologyTest.encode("jpeg", 8, 6);
        try (TopologyFixture f = fixture(Map.of())) {
            for (int i = 0; i < 1_000; i++) {
                pipeImage(f, jpeg, "a" + i, T0 + i * 9L);
            }
            tick(f, T0 + 12_500); // the window [T0, T0 + 10 s) closes
            int decodedBefore = f.listener.processed.get();
            for (int i = 0; i < 10; i++) {
                pipeImage(f, jpeg, "late-" + i, T0 + 5_000 + i);
            }
            int lateDecoded = f.listener.processed.get() - decodedBefore;
            List<TestRecord<byte[], byte[]>> dead = f.deadLetters.readRecordsToList();
            assertEquals(10, dead.size());
            int withoutProperties = 0;
            for (TestRecord<byte[], byte[]> d : dead) {
                assertEquals("late", DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.REASON));
                String json = new String(d.value(), StandardCharsets.UTF_8);
                assertTrue(json.contains("\"id\":\"late-"), json);
                if (!json.contains("\"properties\"")) {
                    withoutProperties++;
                    assertTrue(DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.MESSAGE).contains("not decoded"));
                    assertEquals(f.config.topics().events(),
                            DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.SOURCE_TOPIC), "names the original");
                }
            }
            assertEquals(10 - lateDecoded, withoutProperties, "not decoded exactly when the gate said so");
            assertTrue(withoutProperties >= 8, "a full window's gate lets few late images through: " + withoutProperties);
        }
    }

    @Test
    void hoppingWindowsDecodeAnImageWhenAnyOfItsWindowsCouldKeepIt() throws Exception {
        byte[] jpeg = DriftTopologyTest.encode("jpeg", 8, 6);
        try (TopologyFixture f = fixture(Map.of("IMAGEDRIFT_WINDOW_ADVANCE", "5s"))) {
            List<String> early = new ArrayList<>();
            List<String> late = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                long t = T0 + i * 12L; // [T0, T0 + 9.6 s)
                (t < T0 + 5_000 ? early : late).add("h" + i);
                pipeImage(f, jpeg, "h" + i, t);
            }
            tick(f, T0 + 17_000);
            List<ScoreRecord> scores = f.scoresFor("cam");
            assertEquals(List.of(Instant.ofEpochMilli(T0 - 5_000), Instant.ofEpochMilli(T0),
                    Instant.ofEpochMilli(T0 + 5_000)), scores.stream().map(ScoreRecord::windowStart).toList());
            List<String> all = new ArrayList<>(early);
            all.addAll(late);
            assertEquals(bottomK(early, T0 - 5_000), evaluatedSamples.get(0));
            assertEquals(bottomK(all, T0), evaluatedSamples.get(1));
            assertEquals(bottomK(late, T0 + 5_000), evaluatedSamples.get(2));
            assertFalse(f.listener.processed.get() > 600, "far fewer decodes than events: " + f.listener.processed.get());
        }
    }
}
