package dev.imagedrift.stream;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Headers of a dead-letter record. The value and key stay the original bytes, so a fixed
 * producer's records can be replayed as they were; the headers say what was wrong.
 */
public final class DeadLetterHeaders {
    public static final String REASON = "imagedrift-dlq-reason";
    public static final String MESSAGE = "imagedrift-dlq-message";
    public static final String SOURCE_TOPIC = "imagedrift-dlq-source-topic";
    public static final String SOURCE_PARTITION = "imagedrift-dlq-source-partition";
    public static final String SOURCE_OFFSET = "imagedrift-dlq-source-offset";
    public static final String TRUNCATED = "imagedrift-dlq-truncated-from";

    private DeadLetterHeaders() {}

    /** Headers for a dead letter; the original record's headers are kept in front of them. */
    public static Headers of(DeadLetter d, Headers original, boolean truncatedFrom, int originalLength) {
        RecordHeaders h = new RecordHeaders();
        if (original != null) {
            original.forEach(x -> {
                if (!x.key().startsWith("imagedrift-dlq-")) h.add(x);
            });
        }
        h.add(REASON, utf8(d.reason().code()));
        h.add(MESSAGE, utf8(d.message()));
        if (d.source().topic() != null) {
            h.add(SOURCE_TOPIC, utf8(d.source().topic()));
            h.add(SOURCE_PARTITION, utf8(Integer.toString(d.source().partition())));
            h.add(SOURCE_OFFSET, utf8(Long.toString(d.source().offset())));
        }
        if (truncatedFrom) {
            h.add(TRUNCATED, utf8(Integer.toString(originalLength)));
        }
        return h;
    }

    public static String text(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
