package dev.imagedrift.stream;

/**
 * One image reduced to its property vector: what the window stage keeps.
 *
 * @param values property values in the {@link dev.imagedrift.properties.PropertySet} order, NaN = no value
 * @param source the input record it came from
 */
public record Observation(String id, String stream, long timestampMs, double[] values, SourcePosition source) {}
