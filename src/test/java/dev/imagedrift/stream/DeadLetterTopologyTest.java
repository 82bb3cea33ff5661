package dev.imagedrift.stream;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.imagedrift.stream.TopologyFixture.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input goes to the dead-letter topic with its reason and original bytes, and processing goes on. */
class DeadLetterTopologyTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void eachBadRecordIsDeadLetteredWithItsReasonAndTheGoodOnesStillCount() throws Exception {
        byte[] png = DriftTopologyTest.encode("png", 40, 30);
        byte[] smallPng = DriftTopologyTest.encode("png", 8, 6);
        byte[] truncated = java.util.Arrays.copyOf(smallPng, smallPng.length / 2); // under the pixel limit, so decoded
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("bad_json", utf8("{\"id\": \"x\", \"stream\": "));
        bad.put("missing_field", utf8("{\"stream\":\"cam\",\"image\":\"" + b64(png) + "\"}"));
        bad.put("wrong_type", utf8("{\"id\":[1],\"stream\":\"cam\",\"image\":\"" + b64(png) + "\"}"));
        bad.put("bad_timestamp", utf8("{\"id\":\"t\",\"stream\":\"cam\",\"timestamp\":\"soon\",\"image\":\"" + b64(png) + "\"}"));
        bad.put("bad_base64", utf8("{\"id\":\"b\",\"stream\":\"cam\",\"image\":\"%%%\"}"));
        bad.put("unknown_property", utf8("{\"id\":\"u\",\"stream\":\"cam\",\"properties\":{\"sharpness\":3}}"));
        bad.put("undecodable", utf8("{\"id\":\"d\",\"stream\":\"cam\",\"image\":\"" + b64(truncated) + "\"}"));
        bad.put("unknown_format", utf8("{\"id\":\"f\",\"stream\":\"cam\",\"image\":\"" + b64(utf8("just text")) + "\"}"));
        bad.put("too_large", utf8("{\"id\":\"l\",\"stream\":\"cam\",\"image\":\"" + b64(png) + "\"}"));
        bad.put("bad_raw_buffer", utf8("{\"id\":\"r\",\"stream\":\"cam\",\"pixels\":{\"width\":4,\"height\":4,"
                + "\"channels\":3,\"data\":\"" + b64(new byte[5]) + "\"}}"));
        bad.put("empty", new byte[0]);
        long future = System.currentTimeMillis() + 3_600_000;
        bad.put("bad_timestamp (an hour in the future)", utf8("{\"id\":\"fut\",\"stream\":\"cam\",\"timestamp\":" + future
                + ",\"image\":\"" + b64(DriftTopologyTest.encode("png", 8, 6)) + "\"}"));
        // A limit of 1,000 pixels makes the 40x30 PNG "too large"; the 8x6 images below stay under it.
        try (TopologyFixture f = new TopologyFixture(dir, Map.of("IMAGEDRIFT_IMAGES_MAX_PIXELS", "1000",
                "IMAGEDRIFT_DETECTION_MIN_SAMPLES", "2"))) {
            byte[] small = DriftTopologyTest.encode("png", 8, 6);
            f.pipe("cam", T0, utf8("{\"id\":\"good-1\",\"image\":\"" + b64(small) + "\"}"));
            for (byte[] value : bad.values()) {
                f.pipe("cam", T0 + 1, value);
            }
            f.pipe("cam", T0 + 2, utf8("{\"id\":\"good-2\",\"image\":\"" + b64(small) + "\"}"));
            f.advanceStreamTime(T0 + 12_000);

            List<TestRecord<byte[], byte[]>> dead = f.deadLetters.readRecordsToList();
            assertEquals(bad.size(), dead.size());
            int i = 0;
            for (Map.Entry<String, byte[]> e : bad.entrySet()) {
                TestRecord<byte[], byte[]> d = dead.get(i++);
                assertEquals(e.getKey().split(" ")[0], DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.REASON));
                String message = DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.MESSAGE);
                assertNotNull(message);
                assertTrue(!message.isBlank(), e.getKey());
                assertArrayEquals(e.getValue().length == 0 ? null : e.getValue(),
                        d.value() == null || d.value().length == 0 ? null : d.value(), "original bytes kept");
                assertArrayEquals(utf8("cam"), d.key(), "original key kept");
                assertEquals(f.config.topics().events(), DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.SOURCE_TOPIC));
            }
            assertEquals(bad.size(), f.listener.deadLetters.size());
            ScoreRecord s = f.scoresFor("cam").get(0);
            assertEquals(2, s.nCurrent(), "the good events around the bad ones are all sampled");
            // A window counts every event whose envelope (id, stream, time) is valid, decoded or not: here
            // the two good ones and the four whose image was broken (undecodable, unknown_format,
            // too_large, bad_raw_buffer), since a broken image that was never decoded counts too.
            assertEquals(6, s.eventsCounted());
        }
    }

    @Test
    void hugeBadRecordsAreCutToFitOneProducerRequestAndSaySo() throws Exception {
        try (TopologyFixture f = new TopologyFixture(dir, Map.of())) {
            byte[] junk = new byte[DeadLetterLimits.DEFAULT_MAX_RECORD_BYTES + 1000];
            java.util.Arrays.fill(junk, (byte) 7);
            byte[] longKey = new byte[50_000];
            java.util.Arrays.fill(longKey, (byte) 'k');
            org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
            for (int i = 0; i < 100; i++) {
                headers.add("h" + i, new byte[20_000]);
            }
            f.events.pipeInput(new TestRecord<>(longKey, junk, headers, T0));
            TestRecord<byte[], byte[]> d = f.deadLetters.readRecord();
            int size = org.apache.kafka.common.record.internal.AbstractRecords.estimateSizeInBytesUpperBound(
                    org.apache.kafka.common.record.internal.RecordBatch.CURRENT_MAGIC_VALUE,
                    org.apache.kafka.common.record.internal.CompressionType.NONE, d.key(), d.value(),
                    d.headers().toArray());
            assertTrue(size <= DeadLetterLimits.DEFAULT_MAX_RECORD_BYTES, "the whole record fits: " + size);
            assertTrue(d.value().length > 800_000, "most of the value is kept: " + d.value().length);
            assertEquals(Integer.toString(junk.length), DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.TRUNCATED));
            assertEquals(Integer.toString(longKey.length), DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.KEY_TRUNCATED));
            assertNotNull(DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.HEADERS_CUT));
            assertEquals("bad_stream", DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.REASON),
                    "a 50,000-byte key is no stream name");
        }
    }
}
