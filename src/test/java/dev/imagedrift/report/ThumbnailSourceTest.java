package dev.imagedrift.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThumbnailSourceTest {
    @Test
    void resolvesIdsInsideTheRootOnly(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("images"));
        Path inside = Files.writeString(Files.createDirectories(root.resolve("a")).resolve("x.jpg"), "x");
        Files.writeString(dir.resolve("secret.jpg"), "outside");
        ThumbnailSource source = ThumbnailSource.directory(root);

        assertEquals(Optional.of(inside.toAbsolutePath().normalize()), source.locate("a/x.jpg"));
        assertEquals(Optional.empty(), source.locate("a/missing.jpg"));
        assertEquals(Optional.empty(), source.locate("../secret.jpg"));
        assertEquals(Optional.empty(), source.locate("a"), "a directory is not an image file");
        assertEquals(Optional.empty(), source.locate("."));
        assertEquals(Optional.empty(), ThumbnailSource.none().locate("a/x.jpg"));
    }
}
