package dev.imagedrift.reference;

/** One sampled reference image: its id (path relative to the snapshot's source) and property values (NaN = no value). */
public record SnapshotRow(String id, double[] values) {}
