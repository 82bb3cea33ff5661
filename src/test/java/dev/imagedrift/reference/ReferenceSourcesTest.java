package dev.imagedrift.reference;

import dev.imagedrift.properties.PropertySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceSourcesTest {
    @TempDir
    Path dir;

    private ReferenceSnapshot load(Path path) throws IOException {
        return ReferenceSources.load(path, PropertySet.defaults(), ImageLoaders.standard(),
                SnapshotOptions.defaults().withThreads(1));
    }

    @Test
    void buildsFromADirectoryAndReadsAFile() throws Exception {
        Path images = dir.resolve("images");
        for (int i = 0; i < 3; i++) {
            TestImages.write(TestImages.solid(5, 5, BufferedImage.TYPE_3BYTE_BGR, new Color(i * 50, 10, 10)), "png",
                    images.resolve("i" + i + ".png"));
        }
        ReferenceSnapshot built = load(images);
        assertEquals(3, built.samples().size());

        Path file = dir.resolve("ref.json.gz");
        SnapshotIO.write(built, file);
        ReferenceSnapshot read = load(file);
        assertEquals(built.contentVersion(), read.contentVersion());
        assertEquals(Optional.of(images.toAbsolutePath().normalize()), ReferenceSources.imageDirectory(read)
                .map(p -> p.toAbsolutePath().normalize()));
    }

    @Test
    void aDirectoryWithoutReadableImagesIsAnError() {
        TestImages.writeHostileFiles(dir);
        IOException e = assertThrows(IOException.class, () -> load(dir));
        assertTrue(e.getMessage().contains("no image could be read from " + dir), e.getMessage());
        assertTrue(e.getMessage().contains("4 skipped (1 empty, 1 too_large, 1 undecodable, 1 unknown_format)"),
                e.getMessage());
    }

    @Test
    void aMissingPathIsNamed() {
        Path missing = dir.resolve("nope");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> load(missing));
        assertTrue(e.getMessage().contains(missing.toString()));
    }

    @Test
    void anInvalidFileIsRefusedAsASnapshot() throws Exception {
        Path file = TestImages.writeBytes(dir.resolve("ref.json"), "{\"format\": \"other\"}".getBytes());
        assertThrows(InvalidSnapshotException.class, () -> load(file));
    }

    @Test
    void imageDirectoryIsEmptyWhenTheSourceIsGone() {
        ReferenceSnapshot s = Snapshots.defaults(2);
        assertEquals(Optional.empty(), ReferenceSources.imageDirectory(s), s.source() + " does not exist here");
    }
}
