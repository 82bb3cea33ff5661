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
                        List<Row> samples) {

    record Row(String id, List<Double> values) {}
}
