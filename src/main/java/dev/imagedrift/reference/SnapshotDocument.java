package dev.imagedrift.reference;

import java.util.List;

/**
 * The JSON shape of a snapshot file as read, before validation: every field may be missing
 * (null) and values may be null (no value), so that {@link SnapshotValidation} can say exactly
 * what is wrong.
 */
record SnapshotDocument(String format, Integer formatVersion, String contentVersion, String createdAt,
                        String source, List<String> propertyNames, Long imagesRead, Integer sampleLimit,
                        Long sampleSeed, String propertiesMode, String decoder, List<SkippedImage> skipped,
                        List<Row> samples, Embeddings embeddings) {

    record Row(String id, List<Double> values) {}

    /** The optional embeddings section (format version 2). */
    record Embeddings(String model, Integer dimension, String source, Embedder embedder, Integer missing,
                      ProjectionDoc projection, List<Row> rows) {}

    record Embedder(String modelFile, String model, Integer inputSize, double[] mean, double[] std) {}

    record ProjectionDoc(double[] mean, double[][] axes, double[] variance, Double totalVariance) {}
}
