package dev.imagedrift.embedding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingFilesTest {
    @TempDir
    Path dir;

    @Test
    void npyWithIdsKeepsOnlyTheWantedRows() throws IOException {
        EmbeddingTable t = EmbeddingFiles.read(NpyReaderTest.NUMPY.resolve("three-by-four-f4.npy"),
                NpyReaderTest.NUMPY.resolve("three-by-four.ids"), Set.of("sub/c.png", "a.jpg", "not-there.jpg"));
        assertEquals(3, t.dimension());
        assertEquals(4, t.rowsInFile());
        assertEquals(Set.of("a.jpg", "sub/c.png"), t.rows().keySet());
        assertArrayEquals(NpyReaderTest.EXPECTED[2], t.rows().get("sub/c.png"));
    }

    @Test
    void npyNeedsExactlyOneIdPerRowAndNoDuplicates() throws IOException {
        Path npy = NpyReaderTest.NUMPY.resolve("three-by-four-f4.npy");
        Path few = Files.writeString(dir.resolve("few.ids"), "a\nb\nc\n");
        assertTrue(assertThrows(IOException.class, () -> EmbeddingFiles.read(npy, few, Set.of()))
                .getMessage().contains("3 ids for the 4 rows"));
        Path twice = Files.writeString(dir.resolve("twice.ids"), "a\nb\na\nd\n");
        assertTrue(assertThrows(IOException.class, () -> EmbeddingFiles.read(npy, twice, Set.of()))
                .getMessage().contains("appears twice"));
        assertTrue(assertThrows(IOException.class, () -> EmbeddingFiles.read(npy, null, Set.of()))
                .getMessage().contains("ids file"));
    }

    @Test
    void jsonLinesAreSelfKeyed() throws IOException {
        Path file = Files.writeString(dir.resolve("e.jsonl"), """
                {"id": "a.jpg", "embedding": [1, 2.5, -3], "label": "cat"}
                {"id": "b.jpg", "embedding": [0, 0, 1e-3]}
                """);
        EmbeddingTable t = EmbeddingFiles.read(file, null, Set.of("b.jpg"));
        assertEquals(3, t.dimension());
        assertEquals(2, t.rowsInFile());
        assertArrayEquals(new float[] {0f, 0f, 1e-3f}, t.rows().get("b.jpg"));
    }

    @Test
    void jsonLinesProblemsNameTheLine() throws IOException {
        assertRefused("{\"id\": \"a\", \"embedding\": [1, 2]}\n{\"id\": \"b\", \"embedding\": [1]}\n",
                "line 2 (id \"b\"): dimension 1, earlier rows 2");
        assertRefused("{\"id\": \"a\", \"embedding\": [1, \"x\"]}\n", "value 1 is not a number");
        assertRefused("{\"id\": \"a\", \"embedding\": [1e39]}\n", "not a finite float32");
        assertRefused("{\"id\": \"a\", \"embedding\": [1]}\n{\"id\": \"a\", \"embedding\": [2]}\n", "appears twice");
        assertRefused("{\"embedding\": [1]}\n", "no \"id\"");
        assertRefused("[1, 2]\n", "not a JSON object");
        assertRefused("{\"id\": \"a\", \"embedding\": [1,\n", "line");
        assertRefused("{\"id\": \"a\", \"embedding\": [" + "0,".repeat(EmbeddingLimits.MAX_DIMENSION) + "0]}\n",
                "more than " + EmbeddingLimits.MAX_DIMENSION);
    }

    @Test
    void unknownFormatsAreNamed() throws IOException {
        Path csv = Files.writeString(dir.resolve("e.csv"), "a,1,2\n");
        assertTrue(assertThrows(IOException.class, () -> EmbeddingFiles.read(csv, null, Set.of()))
                .getMessage().contains(".npy file (with an ids file) or JSON Lines"));
    }

    private void assertRefused(String content, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), content);
        IOException e = assertThrows(IOException.class, () -> EmbeddingFiles.read(file, null, Set.of("a")));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
