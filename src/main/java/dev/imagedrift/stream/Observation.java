package dev.imagedrift.stream;

/**
 * One image reduced to what the window stage keeps: its property vector and, when the event had
 * an embedding (or the configured model computed one), the embedding's coordinates along the
 * stream's reference projection.
 *
 * @param values    property values in the {@link dev.imagedrift.properties.PropertySet} order, NaN = no
 *                  value; empty when the event carried only an embedding
 * @param embedding projected embedding, or null
 * @param source    the input record it came from
 */
public record Observation(String id, String stream, long timestampMs, double[] values, SourcePosition source,
                          double[] embedding) {
    /** An observation without an embedding. */
    public Observation(String id, String stream, long timestampMs, double[] values, SourcePosition source) {
        this(id, stream, timestampMs, values, source, null);
    }

    /** Whether the event had properties (an image or precomputed values), not only an embedding. */
    public boolean hasProperties() {
        return values.length > 0;
    }
}
