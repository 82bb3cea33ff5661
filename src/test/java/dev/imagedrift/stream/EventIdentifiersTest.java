package dev.imagedrift.stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids and stream names cannot forge log lines or dashboard labels. */
class EventIdentifiersTest {
    @Test
    void ordinaryNamesPass() {
        for (String s : new String[] {"camera-7", "eu-west-1:cam/3", "model@v2", "a", "A.B_C"}) {
            assertDoesNotThrow(() -> EventIdentifiers.checkStream(s), s);
        }
        for (String id : new String[] {"frame-000123", "img 01.jpg", "カメラ-1", "s3://bucket/key?x=1", "ü"}) {
            assertDoesNotThrow(() -> EventIdentifiers.checkId(id), id);
        }
    }

    @Test
    void injectionCharactersAreRefusedWithTheirReason() {
        String[] hostile = {"cam\nINFO forged log line", "cam\u202Egnp.exe", "cam\u200B1", "cam\u0000", "cam\u2028x",
                "\uD800cam", "cam\uE000"};
        for (String h : hostile) {
            assertEquals(DeadLetterReason.BAD_STREAM,
                    assertThrows(RejectedEvent.class, () -> EventIdentifiers.checkStream(h)).reason(), h);
            RejectedEvent e = assertThrows(RejectedEvent.class, () -> EventIdentifiers.checkId(h));
            assertEquals(DeadLetterReason.BAD_ID, e.reason(), h);
            assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20 || c == 0x202E || c == 0x200B || c == 0x2028),
                    "the message quotes the value escaped: " + e.getMessage());
        }
        assertEquals(DeadLetterReason.BAD_STREAM, assertThrows(RejectedEvent.class,
                () -> EventIdentifiers.checkStream("сam-1")).reason(), "a Cyrillic look-alike letter");
        assertEquals(DeadLetterReason.BAD_STREAM, assertThrows(RejectedEvent.class,
                () -> EventIdentifiers.checkStream("_other")).reason(), "the metrics' fold label is no stream");
        assertEquals(DeadLetterReason.BAD_STREAM, assertThrows(RejectedEvent.class,
                () -> EventIdentifiers.checkStream("c".repeat(EventIdentifiers.MAX_STREAM_LENGTH + 1))).reason());
        assertEquals(DeadLetterReason.BAD_ID, assertThrows(RejectedEvent.class,
                () -> EventIdentifiers.checkId("i".repeat(EventIdentifiers.MAX_ID_LENGTH + 1))).reason());
        assertEquals(DeadLetterReason.BAD_ID, assertThrows(RejectedEvent.class,
                () -> EventIdentifiers.checkId(" padded")).reason());
    }

    @Test
    void quotingIsBoundedAndEscaped() {
        String q = EventIdentifiers.quote("x".repeat(10_000) + "\n");
        assertTrue(q.length() < 120, q);
        assertTrue(q.contains("10001 characters"), q);
        assertEquals("'a\\u000Ab'", EventIdentifiers.quote("a\nb"));
    }
}
