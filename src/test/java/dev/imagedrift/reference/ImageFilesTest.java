package dev.imagedrift.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void recognisesImageExtensionsWhateverTheirCase() {
        for (String name : List.of("a.jpg", "b.JPEG", "c.Png", "d.bmp", "e.GIF", "f.webp", "g.TIF", "h.tiff",
                "x.y.jpg")) {
            assertTrue(ImageFiles.hasImageExtension(name), name);
        }
        for (String name : List.of("a.txt", "jpg", "a.jpg.bak", "a.wbmp", "a.", ".DS_Store", "png")) {
            assertFalse(ImageFiles.hasImageExtension(name), name);
        }
    }

    @Test
    void walksRecursivelyInIdOrderListingOtherFilesAsSkipped() throws Exception {
        TestImages.writeBytes(dir.resolve("z.png"), new byte[] {1});
        TestImages.writeBytes(dir.resolve("a/b/c.jpg"), new byte[] {1});
        TestImages.writeBytes(dir.resolve("a/readme.md"), new byte[] {1});
        TestImages.writeBytes(dir.resolve("A.gif"), new byte[] {1});
        ImageFiles.Scan scan = ImageFiles.scan(dir);
        assertEquals(List.of("A.gif", "a/b/c.jpg", "z.png"), scan.images().stream().map(ImageFiles.ImageFile::id).toList());
        assertEquals(1, scan.others().size());
        assertEquals("a/readme.md", scan.others().get(0).id());
        assertEquals("unknown_format", scan.others().get(0).reason());
        assertTrue(scan.others().get(0).message().contains("extension .md is not an image extension"),
                scan.others().get(0).message());
        assertTrue(scan.unreadable().isEmpty());
    }

    @Test
    void cutsLinkLoopsAndListsBrokenLinksNamedLikeImages() throws Exception {
        TestImages.writeBytes(dir.resolve("sub/real.png"), new byte[] {1});
        Files.createSymbolicLink(dir.resolve("sub/loop"), dir);
        Files.createSymbolicLink(dir.resolve("dangling.jpg"), dir.resolve("nowhere.jpg"));
        ImageFiles.Scan scan = ImageFiles.scan(dir);
        assertEquals(List.of("sub/real.png"), scan.images().stream().map(ImageFiles.ImageFile::id).toList());
        assertEquals(1, scan.unreadable().size());
        assertEquals("dangling.jpg", scan.unreadable().get(0).id());
        assertEquals("unreadable", scan.unreadable().get(0).reason());
    }
}
