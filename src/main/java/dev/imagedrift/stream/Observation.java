package dev.imagedrift.stream;

import dev.imagedrift.window.DecodeCap;

/**
 * One event as the window stage sees it: its property vector, or, for an image that could not
 * enter its window's sample and so was not decoded, nothing but its envelope (it is still counted).
 *
 * @param values    property values in the {@link dev.imagedrift.properties.PropertySet} order, NaN = no value;
 *                  null when the image was not decoded
 * @param source    the input record it came from (its position is also its sampling priority's input)
 * @param decodeCap the smallest {@link DecodeCap} the extraction stage applied to it over its windows
 */
public record Observation(String id, String stream, long timestampMs, double[] values, SourcePosition source,
                          long decodeCap) {

    /** A measured event (decoded, or with precomputed properties). */
    public static Observation measured(String id, String stream, long timestampMs, double[] values,
                                       SourcePosition source, long decodeCap) {
        return new Observation(id, stream, timestampMs, values, source, decodeCap);
    }

    /** An event counted but not measured. */
    public static Observation countedOnly(String id, String stream, long timestampMs, SourcePosition source,
                                          long decodeCap) {
        return new Observation(id, stream, timestampMs, null, source, decodeCap);
    }

    public boolean isMeasured() {
        return values != null;
    }
}
