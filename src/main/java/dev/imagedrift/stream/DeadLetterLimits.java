package dev.imagedrift.stream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fits a dead letter into one producer request. The producer refuses a record larger than its
 * {@code max.request.size} (1 MiB by default), and a refused dead letter would stop the task; so
 * every part is bounded, and what is cut says so in a header:
 *
 * <ul>
 *   <li>the message: at most {@value #MAX_MESSAGE_CHARS} characters (messages quote input);</li>
 *   <li>the key: at most {@value #MAX_KEY_BYTES} bytes ({@link DeadLetterHeaders#KEY_TRUNCATED});</li>
 *   <li>the original headers: each value at most {@value #MAX_COPIED_HEADER_BYTES} bytes, all of them at
 *       most {@value #MAX_COPIED_HEADERS_BYTES} bytes, in order ({@link DeadLetterHeaders#HEADERS_CUT} counts
 *       those cut or left out);</li>
 *   <li>the value: whatever room is left ({@link DeadLetterHeaders#TRUNCATED} gives its original length).</li>
 * </ul>
 */
final class DeadLetterLimits {
    /** The producer's default {@code max.request.size}. */
    static final int DEFAULT_MAX_RECORD_BYTES = 1_048_576;
    static final int MAX_MESSAGE_CHARS = 2_000;
    static final int MAX_KEY_BYTES = 4_096;
    static final int MAX_COPIED_HEADER_BYTES = 4_096;
    static final int MAX_COPIED_HEADERS_BYTES = 32_768;
    /** A record batch's own header (61 bytes) and the record's framing (length, attributes, deltas, counts). */
    static final int RECORD_OVERHEAD = 61 + 5 + 1 + 10 + 5 + 5 + 5 + 5;
    /** Framing of one header: two length varints. */
    static final int HEADER_OVERHEAD = 10;
    /**
     * What this class's own headers take at most: seven names and short values, the message (up to
     * 4 UTF-8 bytes a character, and its truncation note) and the source topic (Kafka allows 249 characters).
     */
    static final int OWN_HEADERS_BYTES = 7 * (HEADER_OVERHEAD + 40) + 4 * (MAX_MESSAGE_CHARS + 100) + 249 + 100;

    private final int maxRecordBytes;

    DeadLetterLimits(int maxRecordBytes) {
        if (maxRecordBytes < 64 * 1024) {
            throw new IllegalArgumentException("a dead letter needs at least 64 KiB, got " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** A dead letter's key, value and headers, together under {@link #maxRecordBytes()}. */
    record Fitted(byte[] key, byte[] value, Headers headers) {}

    Fitted fit(DeadLetter d, Headers original) {
        String message = d.message() == null ? "" : d.message();
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS) + "... [message truncated from " + message.length()
                    + " characters]";
        }
        byte[] key = d.key();
        int keyLength = key == null ? 0 : key.length;
        if (key != null && key.length > MAX_KEY_BYTES) {
            key = Arrays.copyOf(key, MAX_KEY_BYTES);
        }
        RecordHeaders copied = new RecordHeaders();
        int copiedBytes = 0;
        int cut = 0;
        if (original != null) {
            for (Header h : original) {
                if (h.key().startsWith(DeadLetterHeaders.PREFIX)) {
                    continue;
                }
                byte[] hk = h.key().getBytes(StandardCharsets.UTF_8);
                byte[] hv = h.value();
                if (hv != null && hv.length > MAX_COPIED_HEADER_BYTES) {
                    hv = Arrays.copyOf(hv, MAX_COPIED_HEADER_BYTES);
                    cut++;
                }
                int size = HEADER_OVERHEAD + hk.length + (hv == null ? 0 : hv.length);
                if (hk.length > MAX_COPIED_HEADER_BYTES || copiedBytes + size > MAX_COPIED_HEADERS_BYTES) {
                    cut++;
                    continue;
                }
                copied.add(h.key(), hv);
                copiedBytes += size;
            }
        }
        int room = maxRecordBytes - RECORD_OVERHEAD - OWN_HEADERS_BYTES - copiedBytes - (key == null ? 0 : key.length);
        byte[] value = d.value();
        int valueLength = value == null ? 0 : value.length;
        if (value != null && value.length > room) {
            value = Arrays.copyOf(value, Math.max(0, room));
        }
        Headers headers = DeadLetterHeaders.of(d.reason(), message, d.source(), copied,
                value != null && value.length < valueLength ? valueLength : -1,
                key != null && key.length < keyLength ? keyLength : -1, cut);
        return new Fitted(key, value, headers);
    }

    /** The upper bound the producer checks a record against (its batch and framing included). */
    static int sizeUpperBound(byte[] key, byte[] value, Headers headers) {
        int size = RECORD_OVERHEAD + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header h : headers) {
            size += HEADER_OVERHEAD + h.key().getBytes(StandardCharsets.UTF_8).length
                    + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }
}
