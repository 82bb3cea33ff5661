package dev.imagedrift.report;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Where the image file of a sample id is, when it is still there (for exemplar thumbnails). */
@FunctionalInterface
public interface ThumbnailSource {
    /** The image file of {@code id}, or empty when there is none to show. */
    Optional<Path> locate(String id);

    /** No files: reports show ids only. */
    static ThumbnailSource none() {
        return id -> Optional.empty();
    }

    /**
     * Ids are paths relative to {@code root} (as in snapshots built from a directory). An id that
     * would lead outside the root (a hostile snapshot file, say) finds nothing.
     */
    static ThumbnailSource directory(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return id -> {
            try {
                Path file = base.resolve(id).normalize();
                return file.startsWith(base) && !file.equals(base) && Files.isRegularFile(file)
                        ? Optional.of(file) : Optional.empty();
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        };
    }
}
