package dev.imagedrift.reference;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The content version of a snapshot: the first 12 hex characters of SHA-256 over a canonical form
 * of its property names and rows, so that a score record can say which reference it used.
 *
 * <p>The canonical form does not depend on how the content is laid out: columns are taken in
 * name order and rows in id order; NaN has one encoding and -0.0 counts as 0.0. It leaves out
 * what does not change a comparison (creation time, source path, counts, skip list). Layout, all
 * big-endian: the tag {@code "imagedrift-snapshot-content/1"}, the column count, each name; the
 * row count, then per row its id and its values as IEEE-754 bits. Strings are an int byte length
 * followed by UTF-8 bytes. A snapshot with embeddings continues with the tag
 * {@code "embeddings/1"}, the model name, the dimension, the projection (mean, then each axis, as
 * IEEE-754 bits) and the embedding rows in id order (id, then coordinates); one without embeddings
 * has the version it had before embeddings existed.
 */
public final class SnapshotVersion {
    /** Hex characters in a version. */
    public static final int LENGTH = 12;
    private static final String TAG = "imagedrift-snapshot-content/1";

    private SnapshotVersion() {}

    public static String of(ReferenceSnapshot snapshot) {
        return of(snapshot.propertyNames(), snapshot.samples(), snapshot.embeddings());
    }

    public static String of(List<String> propertyNames, List<SnapshotRow> rows) {
        return of(propertyNames, rows, null);
    }

    public static String of(List<String> propertyNames, List<SnapshotRow> rows, ReferenceEmbeddings embeddings) {
        Integer[] columns = new Integer[propertyNames.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = i;
        }
        java.util.Arrays.sort(columns, Comparator.comparing(propertyNames::get));
        List<SnapshotRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(SnapshotRow::id));

        MessageDigest sha = sha256();
        putString(sha, TAG);
        putInt(sha, columns.length);
        for (int c : columns) {
            putString(sha, propertyNames.get(c));
        }
        putInt(sha, sorted.size());
        ByteBuffer values = ByteBuffer.allocate(Long.BYTES * columns.length);
        for (SnapshotRow row : sorted) {
            putString(sha, row.id());
            values.clear();
            for (int c : columns) {
                double v = row.values()[c];
                values.putLong(Double.doubleToLongBits(v == 0.0 ? 0.0 : v));
            }
            sha.update(values.array());
        }
        if (embeddings != null) {
            putEmbeddings(sha, embeddings);
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, LENGTH);
    }

    private static void putEmbeddings(MessageDigest sha, ReferenceEmbeddings e) {
        putString(sha, "embeddings/1");
        putString(sha, e.model());
        putInt(sha, e.dimension());
        putInt(sha, e.projection().components());
        putDoubles(sha, e.projection().mean());
        for (double[] axis : e.projection().axes()) {
            putDoubles(sha, axis);
        }
        Integer[] order = new Integer[e.ids().size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, Comparator.comparing(e.ids()::get));
        putInt(sha, order.length);
        for (int i : order) {
            putString(sha, e.ids().get(i));
            putDoubles(sha, e.rows()[i]);
        }
    }

    private static void putDoubles(MessageDigest sha, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(Long.BYTES * values.length);
        for (double v : values) b.putLong(Double.doubleToLongBits(v == 0.0 ? 0.0 : v));
        sha.update(b.array());
    }

    private static void putString(MessageDigest sha, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putInt(sha, bytes.length);
        sha.update(bytes);
    }

    private static void putInt(MessageDigest sha, int v) {
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(v).array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
