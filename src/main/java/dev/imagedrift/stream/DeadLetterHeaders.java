package dev.imagedrift.stream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Headers of a dead-letter record. The value and key stay the original bytes (cut only to fit the
 * producer's record limit, see {@link DeadLetterLimits}), so a fixed producer's records can be
 * replayed as they were; the headers say what was wrong.
 */
public final class DeadLetterHeaders {
    static final String PREFIX = "imagedrift-dlq-";
    public static final String REASON = "imagedrift-dlq-reason";
    public static final String MESSAGE = "imagedrift-dlq-message";
    public static final String SOURCE_TOPIC = "imagedrift-dlq-source-topic";
    public static final String SOURCE_PARTITION = "imagedrift-dlq-source-partition";
    public static final String SOURCE_OFFSET = "imagedrift-dlq-source-offset";
    /** The value was cut; the header holds its original length in bytes. */
    public static final String TRUNCATED = "imagedrift-dlq-truncated-from";
    /** The key was cut; the header holds its original length in bytes. */
    public static final String KEY_TRUNCATED = "imagedrift-dlq-key-truncated-from";
    /** How many of the original record's headers were cut or left out to fit. */
    public static final String HEADERS_CUT = "imagedrift-dlq-headers-cut";

    private DeadLetterHeaders() {}

    /**
     * Headers for a dead letter: the original record's headers (already bounded) in front of ours.
     *
     * @param valueLength the value's original length when it was cut, else -1
     * @param keyLength   the key's original length when it was cut, else -1
     * @param headersCut  original headers cut or left out
     */
    static Headers of(DeadLetterReason reason, String message, SourcePosition source, Headers copied,
                      int valueLength, int keyLength, int headersCut) {
        RecordHeaders h = new RecordHeaders();
        for (Header x : copied) {
            h.add(x);
        }
        h.add(REASON, utf8(reason.code()));
        h.add(MESSAGE, utf8(message));
        if (source.topic() != null) {
            h.add(SOURCE_TOPIC, utf8(source.topic()));
            h.add(SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
            h.add(SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        }
        if (valueLength >= 0) {
            h.add(TRUNCATED, utf8(Integer.toString(valueLength)));
        }
        if (keyLength >= 0) {
            h.add(KEY_TRUNCATED, utf8(Integer.toString(keyLength)));
        }
        if (headersCut > 0) {
            h.add(HEADERS_CUT, utf8(Integer.toString(headersCut)));
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
