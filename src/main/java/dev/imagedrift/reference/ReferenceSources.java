package dev.imagedrift.reference;

import dev.imagedrift.properties.PropertySet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** One side of a comparison given as "DIR or SNAPSHOT": a directory of images or a snapshot file. */
public final class ReferenceSources {
    private ReferenceSources() {}

    /**
     * A snapshot read from {@code path} when it is a file, or built from the images under it when
     * it is a directory.
     *
     * @throws InvalidSnapshotException when the file is not a valid snapshot with these properties
     * @throws IOException              when the path does not exist, or a directory holds no readable image
     */
    public static ReferenceSnapshot load(Path path, PropertySet properties, ImageLoader loader,
                                         SnapshotOptions options) throws IOException {
        if (Files.isDirectory(path)) {
            ReferenceSnapshot snapshot = new SnapshotBuilder(properties, loader, options).build(path).snapshot();
            if (snapshot.samples().isEmpty()) {
                throw new IOException("no image could be read from " + path + ": "
                        + SkipSummary.describe(snapshot.skipped()));
            }
            return snapshot;
        }
        if (Files.isRegularFile(path)) {
            return SnapshotIO.read(path, properties);
        }
        throw new NoSuchFileException(path.toString(), null, "no such directory of images or snapshot file");
    }

    /**
     * The directory a snapshot's images came from, when it still exists (for thumbnails of
     * exemplar images in reports).
     */
    public static Optional<Path> imageDirectory(ReferenceSnapshot snapshot) {
        if (snapshot.source() == null || snapshot.source().isBlank()) {
            return Optional.empty();
        }
        try {
            Path dir = Path.of(snapshot.source());
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }
}
