package dev.imagedrift.stream;

import dev.imagedrift.window.DecodeCap;

/**
 * One event as the window stage sees it: its property vector and, when the event had an embedding
 * (or the configured model computed one), the embedding's coordinates along the stream's reference
 * projection; or, for an image that could not enter its window's sample and so was neither decoded
 * nor embedded, nothing but its envelope (it is still counted).
 *
 * @param values    property values in the {@link dev.imagedrift.properties.PropertySet} order, NaN = no
 *                  value; empty when the event carried only an embedding; null when the image was not decoded
 * @param source    the input record it came from (its position is also its sampling priority's input)
 * @param embedding projected embedding, or null
 * @param decodeCap the smallest {@link DecodeCap} the extraction stage applied to it over its windows
 */
public record Observation(String id, String stream, long timestampMs, double[] values, SourcePosition source,
                          double[] embedding, long decodeCap) {
    /** A measured observation without an embedding, to which no decode cap applied. */
    public Observation(String id, String stream, long timestampMs, double[] values, SourcePosition source) {
        this(id, stream, timestampMs, values, source, null, DecodeCap.NONE);
    }

    /** A measured observation, to which no decode cap applied. */
    public Observation(String id, String stream, long timestampMs, double[] values, SourcePosition source,
                       double[] embedding) {
        this(id, stream, timestampMs, values, source, embedding, DecodeCap.NONE);
    }

    /** A measured event (decoded, or with precomputed properties), without an embedding. */
    public static Observation measured(String id, String stream, long timestampMs, double[] values,
                                       SourcePosition source, long decodeCap) {
        return new Observation(id, stream, timestampMs, values, source, null, decodeCap);
    }

    /** An event counted but not measured (its image not decoded, nor embedded). */
    public static Observation countedOnly(String id, String stream, long timestampMs, SourcePosition source,
                                          long decodeCap) {
        return new Observation(id, stream, timestampMs, null, source, null, decodeCap);
    }

    /** The same observation, under the decode cap the extraction stage applied. */
    public Observation withDecodeCap(long cap) {
        return new Observation(id, stream, timestampMs, values, source, embedding, cap);
    }

    /** Whether the event was measured: decoded, or with precomputed properties or an embedding. */
    public boolean isMeasured() {
        return values != null;
    }

    /** Whether the event had properties (an image or precomputed values), not only an embedding. */
    public boolean hasProperties() {
        return values != null && values.length > 0;
    }
}
