package dev.imagedrift.stream;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.imagedrift.embedding.Embedding;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one input record into an {@link ImageEvent}, or says exactly why it cannot.
 *
 * <p>Accepted values: a JSON object (first non-blank byte '{') with {@code id}, {@code stream}
 * (else the record key), {@code timestamp} (ISO-8601 or epoch ms; else the record timestamp) and
 * exactly one of {@code image} (base64 of an encoded image), {@code pixels} ({@code width},
 * {@code height}, {@code channels}, base64 {@code data}) or {@code properties} (name -> number or
 * null), and optionally {@code embedding} ({@link EmbeddingField}), which may also stand alone; or the raw bytes of an encoded image, with id and stream from the headers
 * {@code imagedrift-id} / {@code imagedrift-stream} or the record key.
 */
public final class EventParser {
    public static final String ID_HEADER = "imagedrift-id";
    public static final String STREAM_HEADER = "imagedrift-stream";
    /** Events are shallow (an object holding at most one more object): deeper nesting is an attack, not an event. */
    static final int MAX_NESTING_DEPTH = 16;
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");
    private static final java.util.regex.Pattern NOT_PLAIN_BASE64 = java.util.regex.Pattern.compile("[\\s_-]");

    private final ObjectMapper json;
    private final int maxStringLength;

    /** A parser for images up to the default {@code images.max-bytes}. */
    public EventParser() {
        this(dev.imagedrift.image.ImageDecoder.DEFAULT_MAX_BYTES);
    }

    /**
     * @param maxImageBytes the largest encoded image accepted ({@code images.max-bytes}); the longest
     *                      JSON string accepted is its base64 length plus room for line breaks, so a
     *                      string too long to hold an allowed image is refused while it is read,
     *                      before Jackson buffers it
     */
    public EventParser(long maxImageBytes) {
        this.maxStringLength = maxStringLength(maxImageBytes);
        this.json = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(maxStringLength)
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build()).build();
    }

    /**
     * Base64 length of {@code maxImageBytes} (4 characters per 3 bytes), plus 1/32 for MIME line
     * breaks (2 in 78 characters) and 4 KiB for short fields; at most what a Java string holds.
     */
    static int maxStringLength(long maxImageBytes) {
        long base64 = (maxImageBytes + 2) / 3 * 4;
        return (int) Math.min(Integer.MAX_VALUE - 16L, base64 + base64 / 32 + 4096);
    }

    int maxStringLength() {
        return maxStringLength;
    }

    /**
     * @param key        record key (may be null)
     * @param value      record value
     * @param headers    record headers (may be null)
     * @param recordTime record timestamp, the event time when the event carries none
     * @param fallbackId id used when a binary record has no id header (topic/partition/offset)
     */
    public ImageEvent parse(byte[] key, byte[] value, Headers headers, long recordTime, String fallbackId)
            throws RejectedEvent {
        if (value == null || value.length == 0) {
            throw new RejectedEvent(DeadLetterReason.EMPTY, "the record has no value");
        }
        String keyText = key == null || key.length == 0 ? null : new String(key, StandardCharsets.UTF_8);
        if (looksLikeJson(value)) {
            return parseJson(value, keyText, recordTime);
        }
        String id = header(headers, ID_HEADER);
        String stream = header(headers, STREAM_HEADER);
        stream = checkStream(stream != null ? stream : keyText,
                "a binary record needs an " + STREAM_HEADER + " header or a record key naming its stream");
        return new ImageEvent(checkId(id != null ? id : fallbackId), stream, checkTimestamp(recordTime),
                value, null, null);
    }

    private static boolean looksLikeJson(byte[] value) {
        for (byte b : value) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
            // '[' and '"' are JSON too (and never start an image): they get a clear "not an object" error.
            return b == '{' || b == '[' || b == '"';
        }
        return false;
    }

    private ImageEvent parseJson(byte[] value, String keyText, long recordTime) throws RejectedEvent {
        JsonNode root;
        try {
            root = json.readTree(value);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new RejectedEvent(DeadLetterReason.TOO_LARGE, "the JSON exceeds a limit (a string can hold an image"
                    + " of at most images.max-bytes; nesting at most " + MAX_NESTING_DEPTH + " deep): "
                    + e.getOriginalMessage());
        } catch (JsonParseException e) {
            throw new RejectedEvent(DeadLetterReason.BAD_JSON, "malformed JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new RejectedEvent(DeadLetterReason.BAD_JSON, "malformed JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RejectedEvent(DeadLetterReason.BAD_JSON, "the JSON value must be an object");
        }
        JsonNode idNode = root.get("id");
        if (idNode == null || idNode.isNull()) {
            throw new RejectedEvent(DeadLetterReason.MISSING_FIELD, "missing field 'id'");
        }
        if (!idNode.isTextual()) {
            throw new RejectedEvent(DeadLetterReason.WRONG_TYPE, "field 'id' must be a string, got " + idNode.getNodeType());
        }
        String id = checkId(idNode.asText());
        JsonNode streamNode = root.get("stream");
        String stream;
        if (streamNode == null || streamNode.isNull()) {
            stream = checkStream(keyText, "missing field 'stream' and the record has no key");
        } else if (!streamNode.isTextual()) {
            throw new RejectedEvent(DeadLetterReason.WRONG_TYPE,
                    "field 'stream' must be a string, got " + streamNode.getNodeType());
        } else {
            stream = checkStream(streamNode.asText(), "field 'stream' is empty");
        }
        long timestamp = timestamp(root.get("timestamp"), recordTime);

        JsonNode image = root.get("image");
        JsonNode pixels = root.get("pixels");
        JsonNode properties = root.get("properties");
        JsonNode embeddingNode = root.get("embedding");
        int present = (present(image) ? 1 : 0) + (present(pixels) ? 1 : 0) + (present(properties) ? 1 : 0);
        if (present == 0 && !present(embeddingNode)) {
            throw new RejectedEvent(DeadLetterReason.MISSING_FIELD,
                    "the event needs one of 'image', 'pixels' or 'properties', or an 'embedding'");
        }
        if (present > 1) {
            throw new RejectedEvent(DeadLetterReason.WRONG_TYPE,
                    "the event must carry exactly one of 'image', 'pixels' or 'properties'");
        }
        Embedding embedding = present(embeddingNode) ? EmbeddingField.parse(embeddingNode) : null;
        if (present(image)) {
            return new ImageEvent(id, stream, timestamp, base64(image, "image"), null, null, embedding);
        }
        if (present(pixels)) {
            return new ImageEvent(id, stream, timestamp, null, rawPixels(pixels), null, embedding);
        }
        if (present(properties)) {
            return new ImageEvent(id, stream, timestamp, null, null, propertyValues(properties), embedding);
        }
        return new ImageEvent(id, stream, timestamp, null, null, null, embedding);
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isNull();
    }

    private static long timestamp(JsonNode node, long recordTime) throws RejectedEvent {
        if (node == null || node.isNull()) {
            return checkTimestamp(recordTime);
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new RejectedEvent(DeadLetterReason.BAD_TIMESTAMP, "field 'timestamp' is out of range: "
                        + EventIdentifiers.quote(node.toString()));
            }
            return checkTimestamp(node.asLong());
        }
        if (node.isTextual()) {
            String t = node.asText().trim();
            try {
                return checkTimestamp(OffsetDateTime.parse(t).toInstant().toEpochMilli());
            } catch (DateTimeParseException e) {
                try {
                    return checkTimestamp(Instant.parse(t).toEpochMilli());
                } catch (DateTimeParseException e2) {
                    throw new RejectedEvent(DeadLetterReason.BAD_TIMESTAMP, "field 'timestamp' is not an ISO-8601"
                            + " instant with offset (e.g. 2026-11-28T14:05:00Z) nor epoch milliseconds: " + EventIdentifiers.quote(t));
                }
            }
        }
        throw new RejectedEvent(DeadLetterReason.WRONG_TYPE,
                "field 'timestamp' must be an ISO-8601 string or epoch milliseconds, got " + node.getNodeType());
    }

    private static long checkTimestamp(long ms) throws RejectedEvent {
        if (ms < 0) {
            throw new RejectedEvent(DeadLetterReason.BAD_TIMESTAMP, "event time " + ms + " is before 1970 (negative)");
        }
        return ms;
    }

    static byte[] base64(JsonNode node, String field) throws RejectedEvent {
        if (!node.isTextual()) {
            throw new RejectedEvent(DeadLetterReason.WRONG_TYPE,
                    "field '" + field + "' must be a base64 string, got " + node.getNodeType());
        }
        // Line breaks are tolerated; the URL-safe alphabet is mapped to the standard one. Anything
        // else outside the alphabet is an error (the MIME decoder would silently skip it).
        String text = node.asText();
        if (NOT_PLAIN_BASE64.matcher(text).find()) {
            text = WHITESPACE.matcher(text).replaceAll("").replace('-', '+').replace('_', '/');
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new RejectedEvent(DeadLetterReason.BAD_BASE64, "field '" + field + "' is not valid base64: " + e.getMessage());
        }
    }

    private static ImageEvent.RawPixels rawPixels(JsonNode node) throws RejectedEvent {
        if (!node.isObject()) {
            throw new RejectedEvent(DeadLetterReason.WRONG_TYPE, "field 'pixels' must be an object");
        }
        int width = intField(node, "width");
        int height = intField(node, "height");
        int channels = intField(node, "channels");
        JsonNode data = node.get("data");
        if (!present(data)) {
            throw new RejectedEvent(DeadLetterReason.MISSING_FIELD, "missing field 'pixels.data'");
        }
        return new ImageEvent.RawPixels(width, height, channels, base64(data, "pixels.data"));
    }

    private static int intField(JsonNode parent, String name) throws RejectedEvent {
        JsonNode n = parent.get(name);
        if (!present(n)) {
            throw new RejectedEvent(DeadLetterReason.MISSING_FIELD, "missing field 'pixels." + name + "'");
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new RejectedEvent(DeadLetterReason.WRONG_TYPE, "field 'pixels." + name + "' must be an integer, got "
                    + EventIdentifiers.quote(n.toString()));
        }
        return n.asInt();
    }

    private static Map<String, Double> propertyValues(JsonNode node) throws RejectedEvent {
        if (!node.isObject()) {
            throw new RejectedEvent(DeadLetterReason.WRONG_TYPE, "field 'properties' must be an object of name -> number");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (v.isNull()) {
                values.put(f.getKey(), Double.NaN);
            } else if (v.isNumber()) {
                double d = v.asDouble();
                if (!Double.isFinite(d)) {
                    throw new RejectedEvent(DeadLetterReason.WRONG_TYPE, "property " + EventIdentifiers.quote(f.getKey()) + " is not finite");
                }
                values.put(f.getKey(), d);
            } else {
                throw new RejectedEvent(DeadLetterReason.WRONG_TYPE,
                        "property " + EventIdentifiers.quote(f.getKey()) + " must be a number or null, got " + v.getNodeType());
            }
        }
        return values;
    }

    private static String checkId(String id) throws RejectedEvent {
        if (id == null || id.isBlank()) {
            throw new RejectedEvent(DeadLetterReason.MISSING_FIELD, "field 'id' is empty");
        }
        return EventIdentifiers.checkId(id);
    }

    private static String checkStream(String stream, String missingMessage) throws RejectedEvent {
        if (stream == null || stream.isBlank()) {
            throw new RejectedEvent(DeadLetterReason.MISSING_FIELD, missingMessage);
        }
        return EventIdentifiers.checkStream(stream);
    }

    private static String header(Headers headers, String name) {
        if (headers == null) return null;
        Header h = headers.lastHeader(name);
        if (h == null || h.value() == null || h.value().length == 0) return null;
        return new String(h.value(), StandardCharsets.UTF_8);
    }
}
