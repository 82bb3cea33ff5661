package dev.imagedrift.tools.evaluation;

import dev.imagedrift.image.DecodedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FashionMnistTest {
    @TempDir
    Path dir;

    private Path idx(int magic, int count, int rows, int cols, int pixelsWritten) throws IOException {
        Path file = dir.resolve("images-idx3-ubyte.gz");
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(magic);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(cols);
            for (int i = 0; i < pixelsWritten; i++) out.writeByte(i % 256);
        }
        return file;
    }

    @Test
    void readsGrayscaleImagesRowByRow() throws IOException {
        List<DecodedImage> images = FashionMnist.read(idx(0x803, 3, 2, 4, 24), 10);
        assertEquals(3, images.size());
        DecodedImage second = images.get(1);
        assertTrue(second.isGray());
        assertEquals(4, second.width());
        assertEquals(2, second.height());
        assertEquals(8, second.red(0, 0));  // pixels 8..15 belong to image 1
        assertEquals(13, second.red(1, 1)); // row 1, column 1
    }

    @Test
    void readsOnlyTheImagesAskedFor() throws IOException {
        assertEquals(2, FashionMnist.read(idx(0x803, 3, 2, 4, 24), 2).size());
    }

    @Test
    void refusesOtherFilesNamingThem() throws IOException {
        Path labels = idx(0x801, 3, 2, 4, 24);
        IOException e = assertThrows(IOException.class, () -> FashionMnist.read(labels, 10));
        assertTrue(e.getMessage().contains(labels.toString()) && e.getMessage().contains("0x801"), e.getMessage());
    }

    @Test
    void refusesTruncatedFiles() throws IOException {
        Path truncated = idx(0x803, 3, 2, 4, 20);
        IOException e = assertThrows(IOException.class, () -> FashionMnist.read(truncated, 10));
        assertTrue(e.getMessage().contains("truncated at image 2"), e.getMessage());
    }
}
