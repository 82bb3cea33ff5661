package dev.imagedrift.reference;

import dev.imagedrift.properties.PropertiesMode;
import dev.imagedrift.properties.PropertySet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a snapshot file's content and turns it into a {@link ReferenceSnapshot}; every problem
 * becomes an {@link InvalidSnapshotException} naming the file and, where it applies, the row and
 * the property.
 */
final class SnapshotValidation {
    private static final int MAX_LISTED = 5;

    private SnapshotValidation() {}

    /** The format name and version, checked before anything else so a newer file says so plainly. */
    static void checkHeader(Path file, String format, Integer formatVersion) throws InvalidSnapshotException {
        if (format == null) {
            throw new InvalidSnapshotException(file, "no \"format\" field: not an image-drift reference snapshot");
        }
        if (!SnapshotIO.FORMAT_NAME.equals(format)) {
            throw new InvalidSnapshotException(file, "format is \"" + format + "\", expected \""
                    + SnapshotIO.FORMAT_NAME + "\"");
        }
        if (formatVersion == null) {
            throw new InvalidSnapshotException(file, "no \"formatVersion\" field");
        }
        if (formatVersion < ReferenceSnapshot.FORMAT_VERSION_WITHOUT_EMBEDDINGS
                || formatVersion > ReferenceSnapshot.FORMAT_VERSION) {
            throw new InvalidSnapshotException(file, "unsupported formatVersion " + formatVersion
                    + " (this build reads versions " + ReferenceSnapshot.FORMAT_VERSION_WITHOUT_EMBEDDINGS + " to "
                    + ReferenceSnapshot.FORMAT_VERSION + ")");
        }
    }

    /**
     * The snapshot in the file, with its columns in {@code expected}'s order when given.
     *
     * @param expected the property set the snapshot must have, or null to accept any names
     */
    static ReferenceSnapshot toSnapshot(Path file, SnapshotDocument doc, PropertySet expected)
            throws InvalidSnapshotException {
        checkHeader(file, doc.format(), doc.formatVersion());
        List<String> names = require(file, doc.propertyNames(), "propertyNames");
        List<SnapshotDocument.Row> rows = require(file, doc.samples(), "samples");
        long imagesRead = require(file, doc.imagesRead(), "imagesRead");
        int sampleLimit = require(file, doc.sampleLimit(), "sampleLimit");
        long sampleSeed = require(file, doc.sampleSeed(), "sampleSeed");

        checkNames(file, names);
        if (expected != null) {
            checkSameProperties(file, names, expected.names());
        }
        if (rows.isEmpty()) {
            throw new InvalidSnapshotException(file, "the sample is empty (no rows in \"samples\")");
        }
        List<SnapshotRow> snapshotRows = toRows(file, rows, names);
        checkCounts(file, imagesRead, sampleLimit, snapshotRows.size());
        List<SkippedImage> skipped = checkSkipped(file, doc.skipped());

        ReferenceEmbeddings embeddings = null;
        if (doc.embeddings() != null) {
            if (doc.formatVersion() < ReferenceSnapshot.FORMAT_VERSION) {
                throw new InvalidSnapshotException(file, "an \"embeddings\" section needs formatVersion "
                        + ReferenceSnapshot.FORMAT_VERSION + ", the file says " + doc.formatVersion());
            }
            embeddings = SnapshotEmbeddingsValidation.toEmbeddings(file, doc.embeddings(), snapshotRows);
        }
        if (doc.contentVersion() != null) {
            String actual = SnapshotVersion.of(names, snapshotRows, embeddings);
            if (!actual.equals(doc.contentVersion())) {
                throw new InvalidSnapshotException(file, "contentVersion is " + doc.contentVersion()
                        + " but the rows give " + actual + " (the file was edited or damaged)");
            }
        }
        ReferenceSnapshot snapshot = new ReferenceSnapshot(doc.formatVersion(), doc.createdAt(), doc.source(), names,
                imagesRead, skipped, sampleLimit, sampleSeed, snapshotRows, measuredWith(file, doc), embeddings);
        return expected == null || names.equals(expected.names()) ? snapshot : reorder(snapshot, expected.names());
    }

    /** The recorded mode and decoder; a file without them was measured in exact mode (the only mode then). */
    private static MeasuredWith measuredWith(Path file, SnapshotDocument doc) throws InvalidSnapshotException {
        if (doc.propertiesMode() == null) {
            return new MeasuredWith(PropertiesMode.EXACT, doc.decoder());
        }
        try {
            return new MeasuredWith(PropertiesMode.parse(doc.propertiesMode()), doc.decoder());
        } catch (IllegalArgumentException e) {
            throw new InvalidSnapshotException(file, "propertiesMode: " + e.getMessage());
        }
    }

    private static <T> T require(Path file, T value, String field) throws InvalidSnapshotException {
        if (value == null) {
            throw new InvalidSnapshotException(file, "no \"" + field + "\" field");
        }
        return value;
    }

    private static void checkNames(Path file, List<String> names) throws InvalidSnapshotException {
        if (names.isEmpty()) {
            throw new InvalidSnapshotException(file, "propertyNames is empty");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                throw new InvalidSnapshotException(file, "propertyNames[" + i + "] is empty");
            }
            if (!seen.add(name)) {
                throw new InvalidSnapshotException(file, "property \"" + name + "\" appears twice in propertyNames");
            }
        }
    }

    private static void checkSameProperties(Path file, List<String> actual, List<String> expected)
            throws InvalidSnapshotException {
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(new HashSet<>(actual));
        Set<String> extra = new LinkedHashSet<>(actual);
        extra.removeAll(new HashSet<>(expected));
        if (missing.isEmpty() && extra.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing " + missing);
        }
        if (!extra.isEmpty()) {
            parts.add("not expected " + extra);
        }
        throw new InvalidSnapshotException(file, "its properties do not match the expected properties: "
                + String.join("; ", parts) + " (expected " + expected + ")");
    }

    private static List<SnapshotRow> toRows(Path file, List<SnapshotDocument.Row> rows, List<String> names)
            throws InvalidSnapshotException {
        List<SnapshotRow> out = new ArrayList<>(rows.size());
        Set<String> ids = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            SnapshotDocument.Row row = rows.get(i);
            if (row == null) {
                throw new InvalidSnapshotException(file, "samples[" + i + "] is null");
            }
            String id = row.id();
            if (id == null || id.isEmpty()) {
                throw new InvalidSnapshotException(file, "samples[" + i + "] has no id");
            }
            String where = "samples[" + i + "] (id \"" + id + "\")";
            if (row.values() == null) {
                throw new InvalidSnapshotException(file, where + " has no \"values\"");
            }
            if (row.values().size() != names.size()) {
                throw new InvalidSnapshotException(file, where + " has " + row.values().size() + " values for "
                        + names.size() + " properties");
            }
            double[] values = new double[names.size()];
            for (int c = 0; c < values.length; c++) {
                Double v = row.values().get(c);
                if (v != null && !Double.isFinite(v)) {
                    throw new InvalidSnapshotException(file, where + ": \"" + names.get(c) + "\" is " + v
                            + "; only null may mark a missing value");
                }
                values[c] = v == null ? Double.NaN : v;
            }
            if (!ids.add(id) && duplicates.size() < MAX_LISTED) {
                duplicates.add(id);
            }
            out.add(new SnapshotRow(id, values));
        }
        if (!duplicates.isEmpty()) {
            throw new InvalidSnapshotException(file, "duplicate sample ids " + duplicates);
        }
        return out;
    }

    private static void checkCounts(Path file, long imagesRead, int sampleLimit, int rows)
            throws InvalidSnapshotException {
        if (sampleLimit < 1) {
            throw new InvalidSnapshotException(file, "sampleLimit is " + sampleLimit + ", must be at least 1");
        }
        if (rows > sampleLimit) {
            throw new InvalidSnapshotException(file, rows + " sample rows but sampleLimit is " + sampleLimit);
        }
        if (imagesRead < rows) {
            throw new InvalidSnapshotException(file, rows + " sample rows but imagesRead is only " + imagesRead);
        }
    }

    private static List<SkippedImage> checkSkipped(Path file, List<SkippedImage> skipped)
            throws InvalidSnapshotException {
        if (skipped == null) {
            return List.of();
        }
        for (int i = 0; i < skipped.size(); i++) {
            SkippedImage s = skipped.get(i);
            if (s == null || s.id() == null || s.reason() == null) {
                throw new InvalidSnapshotException(file, "skipped[" + i + "] needs an id and a reason");
            }
        }
        return skipped;
    }

    /** The same snapshot with its columns in {@code order} (same names, validated before). */
    private static ReferenceSnapshot reorder(ReferenceSnapshot s, List<String> order) {
        Map<String, Integer> from = new HashMap<>();
        for (int i = 0; i < s.propertyNames().size(); i++) {
            from.put(s.propertyNames().get(i), i);
        }
        int[] source = order.stream().mapToInt(from::get).toArray();
        List<SnapshotRow> rows = new ArrayList<>(s.samples().size());
        for (SnapshotRow row : s.samples()) {
            double[] values = new double[source.length];
            for (int c = 0; c < source.length; c++) {
                values[c] = row.values()[source[c]];
            }
            rows.add(new SnapshotRow(row.id(), values));
        }
        return new ReferenceSnapshot(s.formatVersion(), s.createdAt(), s.source(), order, s.imagesRead(),
                s.skipped(), s.sampleLimit(), s.sampleSeed(), rows, s.measuredWith(), s.embeddings());
    }
}
