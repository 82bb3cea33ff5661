package dev.imagedrift.stream;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventParserTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
    private final EventParser parser = new EventParser();

    private ImageEvent json(String json) throws RejectedEvent {
        return parser.parse(null, json.getBytes(StandardCharsets.UTF_8), null, 1_000L, "t/0@1");
    }

    private RejectedEvent rejected(String key, String json) {
        return assertThrows(RejectedEvent.class, () -> parser.parse(
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8),
                null, 1_000L, "t/0@1"), json);
    }

    @Test
    void jsonWithBase64ImageAndIsoTimestamp() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(PNG_MAGIC);
        ImageEvent e = json("{\"id\":\"f-1\",\"stream\":\"cam-7\",\"timestamp\":\"2026-11-28T14:05:00Z\",\"image\":\"" + b64 + "\"}");
        assertEquals("f-1", e.id());
        assertEquals("cam-7", e.stream());
        assertEquals(1_795_874_700_000L, e.timestampMs());
        assertArrayEquals(PNG_MAGIC, e.encodedImage());
        assertNull(e.properties());
    }

    @Test
    void timestampAsEpochMillisOrOffsetOrAbsent() throws Exception {
        String tail = ",\"stream\":\"s\",\"properties\":{\"brightness\":1}}";
        assertEquals(1_795_874_700_000L, json("{\"id\":\"a\",\"timestamp\":1795874700000" + tail).timestampMs());
        assertEquals(1_795_874_700_000L, json("{\"id\":\"a\",\"timestamp\":\"2026-11-28T15:05:00+01:00\"" + tail).timestampMs());
        assertEquals(1_000L, json("{\"id\":\"a\"" + tail).timestampMs(), "record timestamp when absent");
    }

    @Test
    void streamFallsBackToTheRecordKey() throws Exception {
        ImageEvent e = parser.parse("cam-key".getBytes(StandardCharsets.UTF_8),
                "{\"id\":\"a\",\"properties\":{}}".getBytes(StandardCharsets.UTF_8), null, 5L, "x");
        assertEquals("cam-key", e.stream());
    }

    @Test
    void precomputedPropertiesKeepNullsAsNaN() throws Exception {
        ImageEvent e = json("{\"id\":\"a\",\"stream\":\"s\",\"properties\":{\"Brightness\":12.5,\"mean_red_relative_intensity\":null}}");
        assertEquals(12.5, e.properties().get("Brightness"));
        assertTrue(Double.isNaN(e.properties().get("mean_red_relative_intensity")));
    }

    @Test
    void rawPixelObject() throws Exception {
        String data = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6});
        ImageEvent e = json("{\"id\":\"a\",\"stream\":\"s\",\"pixels\":{\"width\":2,\"height\":1,\"channels\":3,\"data\":\"" + data + "\"}}");
        assertEquals(new ImageEvent.RawPixels(2, 1, 3, null).width(), e.rawPixels().width());
        assertEquals(3, e.rawPixels().channels());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, e.rawPixels().data());
    }

    @Test
    void urlSafeAndWrappedBase64AreAccepted() throws Exception {
        byte[] bytes = new byte[300];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 7);
        String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);
        String wrapped = Base64.getMimeEncoder().encodeToString(bytes).replace("\r\n", "\\n");
        assertArrayEquals(bytes, json("{\"id\":\"a\",\"stream\":\"s\",\"image\":\"" + urlSafe + "\"}").encodedImage());
        assertArrayEquals(bytes, json("{\"id\":\"a\",\"stream\":\"s\",\"image\":\"" + wrapped + "\"}").encodedImage());
    }

    @Test
    void eachBadJsonEventHasItsReason() {
        assertEquals(DeadLetterReason.BAD_JSON, rejected("k", "{\"id\": \"a\", ").reason());
        assertEquals(DeadLetterReason.BAD_JSON, rejected("k", "[1, 2, 3]").reason());
        assertEquals(DeadLetterReason.MISSING_FIELD, rejected("k", "{\"stream\":\"s\",\"image\":\"AAAA\"}").reason());
        assertEquals(DeadLetterReason.WRONG_TYPE, rejected("k", "{\"id\":7,\"stream\":\"s\",\"image\":\"AAAA\"}").reason());
        assertEquals(DeadLetterReason.MISSING_FIELD, rejected(null, "{\"id\":\"a\",\"image\":\"AAAA\"}").reason());
        assertEquals(DeadLetterReason.WRONG_TYPE, rejected("k", "{\"id\":\"a\",\"stream\":[1],\"image\":\"AAAA\"}").reason());
        assertEquals(DeadLetterReason.BAD_TIMESTAMP,
                rejected("k", "{\"id\":\"a\",\"timestamp\":\"yesterday\",\"image\":\"AAAA\"}").reason());
        assertEquals(DeadLetterReason.BAD_TIMESTAMP,
                rejected("k", "{\"id\":\"a\",\"timestamp\":-5,\"image\":\"AAAA\"}").reason());
        assertEquals(DeadLetterReason.WRONG_TYPE,
                rejected("k", "{\"id\":\"a\",\"timestamp\":true,\"image\":\"AAAA\"}").reason());
        assertEquals(DeadLetterReason.BAD_BASE64, rejected("k", "{\"id\":\"a\",\"image\":\"not base64!!\"}").reason());
        assertEquals(DeadLetterReason.WRONG_TYPE, rejected("k", "{\"id\":\"a\",\"image\":12}").reason());
        assertEquals(DeadLetterReason.MISSING_FIELD, rejected("k", "{\"id\":\"a\"}").reason());
        assertEquals(DeadLetterReason.WRONG_TYPE,
                rejected("k", "{\"id\":\"a\",\"image\":\"AAAA\",\"properties\":{}}").reason());
        assertEquals(DeadLetterReason.WRONG_TYPE,
                rejected("k", "{\"id\":\"a\",\"properties\":{\"brightness\":\"high\"}}").reason());
        assertEquals(DeadLetterReason.MISSING_FIELD,
                rejected("k", "{\"id\":\"a\",\"pixels\":{\"width\":2,\"height\":1,\"data\":\"AAAA\"}}").reason());
        assertEquals(DeadLetterReason.WRONG_TYPE,
                rejected("k", "{\"id\":\"a\",\"pixels\":{\"width\":2.5,\"height\":1,\"channels\":3,\"data\":\"AAAA\"}}").reason());
        assertEquals(DeadLetterReason.BAD_STREAM, rejected("k", "{\"id\":\"a\",\"stream\":\"bad\\u0007name\",\"image\":\"AAAA\"}").reason());
        RejectedEvent missing = rejected("k", "{\"stream\":\"s\",\"image\":\"AAAA\"}");
        assertTrue(missing.getMessage().contains("'id'"), missing.getMessage());
    }

    @Test
    void binaryRecordTakesIdAndStreamFromHeadersOrKey() throws Exception {
        RecordHeaders h = new RecordHeaders();
        h.add(EventParser.ID_HEADER, "frame-9".getBytes(StandardCharsets.UTF_8));
        h.add(EventParser.STREAM_HEADER, "cam-h".getBytes(StandardCharsets.UTF_8));
        ImageEvent e = parser.parse("cam-key".getBytes(StandardCharsets.UTF_8), PNG_MAGIC, h, 42L, "t/1@9");
        assertEquals("frame-9", e.id());
        assertEquals("cam-h", e.stream());
        assertEquals(42L, e.timestampMs());
        ImageEvent keyed = parser.parse("cam-key".getBytes(StandardCharsets.UTF_8), PNG_MAGIC, null, 42L, "t/1@9");
        assertEquals("cam-key", keyed.stream());
        assertEquals("t/1@9", keyed.id());
        RejectedEvent none = assertThrows(RejectedEvent.class, () -> parser.parse(null, PNG_MAGIC, null, 1L, "x"));
        assertEquals(DeadLetterReason.MISSING_FIELD, none.reason());
        RejectedEvent empty = assertThrows(RejectedEvent.class, () -> parser.parse(null, new byte[0], null, 1L, "x"));
        assertEquals(DeadLetterReason.EMPTY, empty.reason());
    }
}
