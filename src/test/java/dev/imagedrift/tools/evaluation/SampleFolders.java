package dev.imagedrift.tools.evaluation;

import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ImageLoaders;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SnapshotBuilder;
import dev.imagedrift.reference.SnapshotOptions;
import dev.imagedrift.reference.SnapshotRow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Property tables of the bundled sample photos, read the way {@code snapshot} reads a directory (the
 * same file walk and extension list), every image kept, ordered by id so trials do not depend on the walk.
 */
final class SampleFolders {
    private SampleFolders() {}

    /** Ids are "directory-name/relative-path". */
    static PropertyTable table(String name, PropertySet properties, List<Path> directories) throws IOException {
        List<String> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        SnapshotOptions everyImage = SnapshotOptions.defaults().withMaxSamples(100_000);
        for (Path dir : directories) {
            ReferenceSnapshot snapshot = new SnapshotBuilder(properties, ImageLoaders.standard(), everyImage)
                    .build(dir).snapshot();
            if (!snapshot.skipped().isEmpty()) {
                throw new IOException(dir + ": " + snapshot.skipped().size() + " images could not be read");
            }
            List<SnapshotRow> sorted = new ArrayList<>(snapshot.samples());
            sorted.sort(Comparator.comparing(SnapshotRow::id));
            for (SnapshotRow row : sorted) {
                ids.add(dir.getFileName() + "/" + row.id());
                rows.add(row.values());
            }
        }
        return new PropertyTable(name, properties.names(), ids, rows.toArray(double[][]::new));
    }
}
