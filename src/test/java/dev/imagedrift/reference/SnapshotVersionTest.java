package dev.imagedrift.reference;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotVersionTest {
    private static SnapshotRow row(String id, double... values) {
        return new SnapshotRow(id, values);
    }

    @Test
    void isTheDocumentedHashOfTheCanonicalForm() throws Exception {
        List<String> names = List.of("B", "A");
        List<SnapshotRow> rows = List.of(row("y.jpg", 1.5, Double.NaN), row("x.jpg", -0.0, 2.0));

        // Canonical form written out independently: columns by name (A, B), rows by id (x, y).
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        putString(c, "imagedrift-snapshot-content/1");
        putInt(c, 2);
        putString(c, "A");
        putString(c, "B");
        putInt(c, 2);
        putString(c, "x.jpg");
        putDouble(c, 2.0);
        putDouble(c, 0.0);
        putString(c, "y.jpg");
        putDouble(c, Double.NaN);
        putDouble(c, 1.5);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.toByteArray()))
                .substring(0, 12);

        assertEquals(expected, SnapshotVersion.of(names, rows));
    }

    @Test
    void isTwelveHexCharactersAndStable() {
        ReferenceSnapshot s = Snapshots.defaults(20);
        String v = s.contentVersion();
        assertTrue(v.matches("[0-9a-f]{12}"), v);
        assertEquals(v, Snapshots.defaults(20).contentVersion());
    }

    @Test
    void ignoresRowOrderAndMetadata() {
        ReferenceSnapshot s = Snapshots.defaults(20);
        List<SnapshotRow> shuffled = new ArrayList<>(s.samples());
        Collections.reverse(shuffled);
        ReferenceSnapshot other = new ReferenceSnapshot(1, "another time", "/elsewhere", s.propertyNames(), 999,
                List.of(), 50, 7, shuffled);
        assertEquals(s.contentVersion(), other.contentVersion());
    }

    @Test
    void changesWithAnyValueIdOrName() {
        List<String> names = List.of("A", "B");
        String base = SnapshotVersion.of(names, List.of(row("x", 1, 2)));
        assertNotEquals(base, SnapshotVersion.of(names, List.of(row("x", 1, 2.0000000001))));
        assertNotEquals(base, SnapshotVersion.of(names, List.of(row("z", 1, 2))));
        assertNotEquals(base, SnapshotVersion.of(List.of("A", "C"), List.of(row("x", 1, 2))));
        assertNotEquals(base, SnapshotVersion.of(names, List.of(row("x", 1, Double.NaN))));
        assertNotEquals(base, SnapshotVersion.of(names, List.of(row("x", 1, 2), row("y", 1, 2))));
    }

    @Test
    void treatsEveryNaNAndBothZerosAlike() {
        List<String> names = List.of("A");
        double otherNaN = Double.longBitsToDouble(0x7ff8000000000123L);
        assertEquals(SnapshotVersion.of(names, List.of(row("x", Double.NaN))),
                SnapshotVersion.of(names, List.of(row("x", otherNaN))));
        assertEquals(SnapshotVersion.of(names, List.of(row("x", 0.0))),
                SnapshotVersion.of(names, List.of(row("x", -0.0))));
    }

    private static void putString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putInt(out, b.length);
        out.writeBytes(b);
    }

    private static void putInt(ByteArrayOutputStream out, int v) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
    }

    private static void putDouble(ByteArrayOutputStream out, double v) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(Double.doubleToLongBits(v)).array());
    }
}
