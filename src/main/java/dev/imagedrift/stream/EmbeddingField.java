package dev.imagedrift.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.embedding.Embedding;
import dev.imagedrift.embedding.EmbeddingLimits;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code embedding} field of a JSON event, in one of three forms:
 * <pre>
 * "embedding": [0.12, -0.5, ...]                                  a plain array
 * "embedding": {"model": "clip-b32", "values": [0.12, -0.5, ...]} with the model's name
 * "embedding": {"model": "clip-b32", "base64": "..."}              base64 of little-endian float32 values
 * </pre>
 * The compact form is a third the size of the array for large vectors. Sizes are checked before
 * anything is allocated for the values: an array longer than {@link EmbeddingLimits#MAX_DIMENSION}
 * or a base64 text that decodes to more than 4 bytes a value of that limit is refused as it is.
 * Every value must be finite.
 */
final class EmbeddingField {
    /** Base64 characters of the largest vector (4 bytes a value), plus line breaks the MIME form may add. */
    private static final int MAX_BASE64_CHARS = (EmbeddingLimits.MAX_DIMENSION * 4 + 2) / 3 * 4 * 2;

    private EmbeddingField() {}

    static Embedding parse(JsonNode node) throws RejectedEvent {
        String model = null;
        JsonNode values = node;
        if (node.isObject()) {
            JsonNode m = node.get("model");
            if (m != null && !m.isNull()) {
                if (!m.isTextual()) throw bad("'embedding.model' must be a string, got " + m.getNodeType());
                model = m.asText();
            }
            JsonNode array = node.get("values");
            JsonNode base64 = node.get("base64");
            boolean hasArray = array != null && !array.isNull();
            boolean hasBase64 = base64 != null && !base64.isNull();
            if (hasArray == hasBase64) {
                throw bad("'embedding' needs exactly one of 'values' (an array of numbers) or 'base64' (little-endian "
                        + "float32)");
            }
            if (hasBase64) {
                return embedding(model, float32(base64));
            }
            values = array;
        }
        if (!values.isArray()) {
            throw bad("'embedding' must be an array of numbers or an object with 'values' or 'base64', got "
                    + values.getNodeType());
        }
        int n = values.size();
        if (n == 0 || n > EmbeddingLimits.MAX_DIMENSION) {
            throw bad("the embedding has " + n + " values; 1 to " + EmbeddingLimits.MAX_DIMENSION + " are accepted");
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            JsonNode x = values.get(i);
            if (!x.isNumber()) throw bad("embedding value " + i + " is not a number");
            v[i] = x.floatValue();
        }
        return embedding(model, v);
    }

    private static float[] float32(JsonNode base64) throws RejectedEvent {
        if (!base64.isTextual()) throw bad("'embedding.base64' must be a string");
        if (base64.asText().length() > MAX_BASE64_CHARS) {
            throw bad("'embedding.base64' is longer than " + EmbeddingLimits.MAX_DIMENSION + " float32 values");
        }
        byte[] bytes;
        try {
            bytes = EventParser.base64(base64, "embedding.base64");
        } catch (RejectedEvent e) {
            throw bad(e.getMessage());
        }
        if (bytes.length == 0 || bytes.length % 4 != 0) {
            throw bad("'embedding.base64' decodes to " + bytes.length + " bytes, not a whole number of float32 values");
        }
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    private static Embedding embedding(String model, float[] values) throws RejectedEvent {
        try {
            return new Embedding(model, values);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private static RejectedEvent bad(String message) {
        return new RejectedEvent(DeadLetterReason.BAD_EMBEDDING, message);
    }
}
