package dev.imagedrift.stream;

import dev.imagedrift.detect.DriftStatus;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.imagedrift.stream.TopologyFixture.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftTopologyTest {
    @TempDir
    Path dir;

    @Test
    void eventsLandInTheirEventTimeWindowAndEachWindowIsScoredOnce() throws Exception {
        try (TopologyFixture f = new TopologyFixture(dir, Map.of())) {
            f.pipeWindow("cam", T0, 10_000, 120, 0);
            f.pipe("cam", T0 + 11_000, TopologyFixture.propertiesEvent("in-next", "cam", T0 + 11_000, f.normalRow(0)));
            assertTrue(f.scoresFor("cam").isEmpty(), "no window closes before end + grace");
            f.pipeWindow("cam", T0 + 12_000, 8_000, 79, 0);
            f.advanceStreamTime(T0 + 22_000); // second window's end + grace
            List<ScoreRecord> scores = f.scoresFor("cam");
            assertEquals(2, scores.size(), scores.toString());
            assertEquals(Instant.ofEpochMilli(T0), scores.get(0).windowStart());
            assertEquals(Instant.ofEpochMilli(T0 + 10_000), scores.get(0).windowEnd());
            assertEquals(120, scores.get(0).eventsCounted());
            assertEquals(120, scores.get(0).nCurrent());
            assertEquals(300, scores.get(0).nReference());
            assertEquals(80, scores.get(1).eventsCounted());
            assertEquals("test-ref", scores.get(0).referenceVersion());
            assertEquals(ScoreRecord.SCHEMA, scores.get(0).schema());
            f.advanceStreamTime(T0 + 60_000);
            assertTrue(f.scoresFor("cam").isEmpty(), "a closed window is never scored again");
        }
    }

    @Test
    void windowClosesExactlyAtEndPlusGrace() throws Exception {
        try (TopologyFixture f = new TopologyFixture(dir, Map.of())) {
            f.pipeWindow("cam", T0, 10_000, 50, 0);
            f.advanceStreamTime(T0 + 11_999);
            assertTrue(f.scoresFor("cam").isEmpty());
            f.advanceStreamTime(T0 + 12_000);
            assertEquals(1, f.scoresFor("cam").size());
        }
    }

    @Test
    void lateEventsWithinGraceCountAndLaterOnesAreDeadLettered() throws Exception {
        try (TopologyFixture f = new TopologyFixture(dir, Map.of())) {
            f.pipeWindow("cam", T0, 10_000, 50, 0);
            f.advanceStreamTime(T0 + 11_000); // window [T0, T0+10s) still open for 1 s
            f.pipe("cam", T0 + 9_000, TopologyFixture.propertiesEvent("in-grace", "cam", T0 + 9_000, f.normalRow(0)));
            f.advanceStreamTime(T0 + 12_500); // now closed
            f.pipe("cam", T0 + 9_500, TopologyFixture.propertiesEvent("too-late", "cam", T0 + 9_500, f.normalRow(0)));
            List<ScoreRecord> scores = f.scoresFor("cam");
            assertEquals(1, scores.size());
            assertEquals(51, scores.get(0).eventsCounted(), "the in-grace event counts");
            TestRecord<byte[], byte[]> dead = f.deadLetters.readRecord();
            assertEquals("late", DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.REASON));
            assertTrue(new String(dead.value(), StandardCharsets.UTF_8).contains("\"id\":\"too-late\""));
            // The record the producer wrote (the 54th on the input topic), not the internal repartition topic.
            assertEquals(f.config.topics().events(), DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC));
            assertEquals("0", DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_PARTITION));
            assertEquals("53", DeadLetterHeaders.text(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET));
            assertEquals(List.of("cam"), f.listener.late);
            assertTrue(f.deadLetters.isEmpty());
        }
    }

    @Test
    void reservoirIsBoundedButCountsEveryEvent() throws Exception {
        try (TopologyFixture f = new TopologyFixture(dir, Map.of("IMAGEDRIFT_WINDOW_MAX_SAMPLES", "50"))) {
            f.pipeWindow("cam", T0, 10_000, 400, 0);
            f.pipeWindow("cam", T0 + 10_000, 10_000, 30, 0);
            f.advanceStreamTime(T0 + 22_000);
            List<ScoreRecord> s = f.scoresFor("cam");
            assertEquals(50, s.get(0).nCurrent(), "bounded by window.max-samples");
            assertEquals(400, s.get(0).eventsCounted(), "every event counted");
            assertEquals(30, s.get(1).nCurrent(), "a window under the bound keeps all");
            assertEquals(30, s.get(1).eventsCounted());
        }
    }

    @Test
    void insufficientDataBelowTheMinimumSampleCountAndNoAlert() throws Exception {
        try (TopologyFixture f = new TopologyFixture(dir,
                Map.of("IMAGEDRIFT_ALERTING_FIRE_AFTER", "1", "IMAGEDRIFT_ALERTING_OUT_OF", "1"))) {
            f.pipeWindow("cam", T0, 10_000, 10, 500);
            f.advanceStreamTime(T0 + 12_000);
            ScoreRecord s = f.scoresFor("cam").get(0);
            assertEquals(DriftStatus.INSUFFICIENT_DATA, s.status());
            assertEquals(10, s.nCurrent());
            assertTrue(f.alerts.isEmpty());
        }
    }

    @Test
    void driftFiresOnceAndResolvesOnce() throws Exception {
        try (TopologyFixture f = new TopologyFixture(dir, Map.of())) { // default hysteresis: 2 of 3, resolve after 2
            long t = T0;
            for (int w = 0; w < 2; w++, t += 10_000) f.pipeWindow("cam", t, 10_000, 150, 0);
            for (int w = 0; w < 6; w++, t += 10_000) f.pipeWindow("cam", t, 10_000, 150, 60);
            for (int w = 0; w < 4; w++, t += 10_000) f.pipeWindow("cam", t, 10_000, 150, 0);
            f.advanceStreamTime(t + 2_000);
            List<ScoreRecord> scores = f.scoresFor("cam");
            assertEquals(12, scores.size());
            assertEquals(DriftStatus.OK, scores.get(0).status());
            assertEquals(DriftStatus.DRIFT, scores.get(2).status());
            assertEquals("Brightness", scores.get(2).topProperties().get(0).property());
            List<AlertRecord> alerts = f.alerts.readValuesToList();
            assertEquals(2, alerts.size(), alerts.toString());
            assertEquals(AlertRecord.FIRING, alerts.get(0).state());
            assertEquals(Instant.ofEpochMilli(T0 + 40_000), alerts.get(0).windowEnd(), "second drifted window fires");
            assertEquals(AlertRecord.RESOLVED, alerts.get(1).state());
            assertEquals(Instant.ofEpochMilli(T0 + 100_000), alerts.get(1).windowEnd(), "second clean window resolves");
        }
    }

    @Test
    void everyInputFormatIsAccepted() throws Exception {
        try (TopologyFixture f = new TopologyFixture(dir, Map.of("IMAGEDRIFT_DETECTION_MIN_SAMPLES", "2"))) {
            byte[] png = encode("png", 8, 6);
            byte[] jpeg = encode("jpeg", 8, 6);
            f.pipe(null, T0, ("{\"id\":\"json-png\",\"stream\":\"cam\",\"timestamp\":" + T0 + ",\"image\":\""
                    + Base64.getEncoder().encodeToString(png) + "\"}").getBytes(StandardCharsets.UTF_8));
            f.pipe("cam", T0 + 1, ("{\"id\":\"json-pixels\",\"pixels\":{\"width\":2,\"height\":1,\"channels\":3,"
                    + "\"data\":\"" + Base64.getEncoder().encodeToString(new byte[] {10, 20, 30, 40, 50, 60}) + "\"}}")
                    .getBytes(StandardCharsets.UTF_8));
            f.pipe("cam", T0 + 2, TopologyFixture.propertiesEvent("json-props", "cam", T0 + 2, f.normalRow(0)));
            RecordHeaders h = new RecordHeaders();
            h.add(EventParser.ID_HEADER, "binary-jpeg".getBytes(StandardCharsets.UTF_8));
            f.events.pipeInput(new TestRecord<>("cam".getBytes(StandardCharsets.UTF_8), jpeg, h, T0 + 3));
            f.advanceStreamTime(T0 + 12_000);
            assertTrue(f.deadLetters.isEmpty(), () -> "dead letters: " + f.listener.deadLetters);
            ScoreRecord s = f.scoresFor("cam").get(0);
            assertEquals(4, s.eventsCounted());
            assertEquals(4, f.listener.processed.get() - 1, "four events plus the clock tick");
        }
    }

    @Test
    void hoppingWindowsCountAnEventInEachWindowItFallsIn() throws Exception {
        try (TopologyFixture f = new TopologyFixture(dir, Map.of("IMAGEDRIFT_WINDOW_ADVANCE", "5s"))) {
            f.pipeWindow("cam", T0, 10_000, 40, 0);      // 20 in [T0, T0+5s), 20 in [T0+5s, T0+10s)
            f.advanceStreamTime(T0 + 17_000);            // closes the windows ending at T0+5s, T0+10s, T0+15s
            List<ScoreRecord> s = f.scoresFor("cam");
            assertEquals(List.of(Instant.ofEpochMilli(T0 - 5_000), Instant.ofEpochMilli(T0),
                    Instant.ofEpochMilli(T0 + 5_000)), s.stream().map(ScoreRecord::windowStart).toList());
            assertEquals(List.of(20L, 40L, 20L), s.stream().map(ScoreRecord::eventsCounted).toList());
        }
    }

    @Test
    void aDetectorFailureDropsOnlyThatWindow() throws Exception {
        java.util.function.UnaryOperator<dev.imagedrift.detect.DriftDetector> failOnBad = real ->
                new dev.imagedrift.detect.DriftDetector() {
                    @Override
                    public dev.imagedrift.detect.DriftResult detect(dev.imagedrift.detect.Samples reference,
                                                                     dev.imagedrift.detect.Samples current) {
                        if (current.ids().get(0).startsWith("bad")) {
                            throw new IllegalStateException("simulated detector bug");
                        }
                        return real.detect(reference, current);
                    }

                    @Override
                    public dev.imagedrift.detect.DetectorSettings settings() {
                        return real.settings();
                    }
                };
        try (TopologyFixture f = new TopologyFixture(dir, Map.of(), failOnBad)) {
            f.pipeWindow("bad", T0, 10_000, 50, 0);
            f.pipeWindow("cam", T0, 10_000, 50, 0);
            f.pipeWindow("bad", T0 + 10_000, 10_000, 50, 0);
            f.advanceStreamTime(T0 + 12_000);
            List<ScoreRecord> scores = f.scores.readValuesToList();
            assertEquals(List.of("cam"), scores.stream().map(ScoreRecord::stream).filter(s -> !s.equals("clock")).toList());
            assertEquals(List.of("bad"), f.listener.failedWindows);
        }
    }

    static byte[] encode(String format, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, (x * 30) << 16 | (y * 40) << 8 | 90);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    static void assertOriginalBytes(byte[] expected, TestRecord<byte[], byte[]> dead) {
        assertArrayEquals(expected, dead.value());
    }
}
