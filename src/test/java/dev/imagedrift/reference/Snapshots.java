package dev.imagedrift.reference;

import dev.imagedrift.properties.PropertySet;

import java.util.ArrayList;
import java.util.List;

/** Hand-made snapshots for tests. */
final class Snapshots {
    private Snapshots() {}

    /** n rows over the seven default properties; every third row grayscale (NaN intensities). */
    static ReferenceSnapshot defaults(int n) {
        List<SnapshotRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean gray = i % 3 == 2;
            double r = 0.30 + 0.01 * i;
            rows.add(new SnapshotRow(String.format("set/img-%03d.jpg", i), new double[] {
                    0.75, 307_200 + i, 100.5 + i, 40.25 - i * 0.5,
                    gray ? Double.NaN : r, gray ? Double.NaN : 0.35, gray ? Double.NaN : 0.65 - r}));
        }
        return new ReferenceSnapshot(ReferenceSnapshot.FORMAT_VERSION, "2025-03-01T10:00:00Z", "/data/train",
                PropertySet.defaults().names(), n + 5L,
                List.of(new SkippedImage("bad/a.jpg", "undecodable", "/data/train/bad/a.jpg: truncated")),
                10_000, 42L, rows);
    }
}
