package dev.imagedrift.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotEmbeddingsTest {
    @TempDir
    Path dir;

    /** JSON Lines embeddings of dimension 6 for every sampled row but the first, plus one unsampled id. */
    private Path embeddingsFile(ReferenceSnapshot s) throws IOException {
        Random r = new Random(7);
        StringBuilder b = new StringBuilder();
        for (SnapshotRow row : s.samples().subList(1, s.samples().size())) {
            b.append("{\"id\": \"").append(row.id()).append("\", \"embedding\": [");
            for (int j = 0; j < 6; j++) b.append(j == 0 ? "" : ", ").append(r.nextGaussian() * (6 - j));
            b.append("]}\n");
        }
        b.append("{\"id\": \"not/sampled.jpg\", \"embedding\": [1, 2, 3, 4, 5, 6]}\n");
        return Files.writeString(dir.resolve("e.jsonl"), b.toString());
    }

    private ReferenceSnapshot withEmbeddings() throws IOException {
        ReferenceSnapshot s = Snapshots.defaults(40);
        SnapshotEmbeddings.Found found = SnapshotEmbeddings.fromFile(s, embeddingsFile(s), null);
        assertEquals(39, found.embeddings().size());
        assertEquals(1, found.missing());
        return SnapshotEmbeddings.attach(s, found, "test-model", null, 4);
    }

    @Test
    void embeddingsRoundTripInAVersion2FileAndChangeTheContentVersion() throws IOException {
        ReferenceSnapshot s = withEmbeddings();
        Path file = dir.resolve("s.json.gz");
        SnapshotIO.write(s, file);
        assertTrue(json(file).contains("\"formatVersion\" : 2"), "written as version 2");
        ReferenceSnapshot back = SnapshotIO.read(file);
        ReferenceEmbeddings e = back.embeddings();
        assertEquals("test-model", e.model());
        assertEquals(6, e.dimension());
        assertEquals(4, e.projection().components());
        assertEquals(1, e.missing());
        assertEquals(s.embeddings().ids(), e.ids());
        for (int i = 0; i < e.ids().size(); i++) assertArrayEquals(s.embeddings().rows()[i], e.rows()[i]);
        assertArrayEquals(s.embeddings().projection().axes()[0], e.projection().axes()[0]);
        assertEquals(s.contentVersion(), back.contentVersion());
        assertNotEquals(Snapshots.defaults(40).contentVersion(), s.contentVersion(), "embeddings are content");
        assertEquals(java.util.List.of("PC1", "PC2", "PC3", "PC4"), e.toSamples().propertyNames());
    }

    @Test
    void aSnapshotWithoutEmbeddingsIsStillWrittenAsVersion1WithItsOldContentVersion() throws IOException {
        ReferenceSnapshot s = Snapshots.defaults(10);
        Path file = dir.resolve("v1.json");
        SnapshotIO.write(s, file);
        assertTrue(json(file).contains("\"formatVersion\" : 1"));
        ReferenceSnapshot back = SnapshotIO.read(file);
        assertNull(back.embeddings());
        assertEquals(SnapshotVersion.of(s.propertyNames(), s.samples()), back.contentVersion());
    }

    @Test
    void editedOrMisplacedEmbeddingsAreRefused() throws IOException {
        ReferenceSnapshot s = withEmbeddings();
        Path file = dir.resolve("s.json");
        SnapshotIO.write(s, file);
        String text = Files.readString(file);
        String firstId = s.embeddings().ids().get(0);

        Path edited = Files.writeString(dir.resolve("edited.json"), text.replaceFirst("\"rows\" : \\[ \\{\\s*\"id\" : \""
                + java.util.regex.Pattern.quote(firstId) + "\",\\s*\"values\" : \\[ ", "$0 1" + "0"));
        assertTrue(assertThrows(InvalidSnapshotException.class, () -> SnapshotIO.read(edited)).getMessage()
                .contains("contentVersion"));

        Path unsampled = Files.writeString(dir.resolve("unsampled.json"),
                text.replace("\"id\" : \"" + firstId + "\",\n      \"values\" : [ ", "\"id\" : \"elsewhere.jpg\",\n      \"values\" : [ "));
        assertTrue(assertThrows(InvalidSnapshotException.class, () -> SnapshotIO.read(unsampled)).getMessage()
                .contains("not a sampled image"), "a row must belong to the sample");

        Path oldVersion = Files.writeString(dir.resolve("old.json"), text.replace("\"formatVersion\" : 2",
                "\"formatVersion\" : 1"));
        assertTrue(assertThrows(InvalidSnapshotException.class, () -> SnapshotIO.read(oldVersion)).getMessage()
                .contains("needs formatVersion 2"));

        Path newer = Files.writeString(dir.resolve("newer.json"), text.replace("\"formatVersion\" : 2",
                "\"formatVersion\" : 3"));
        assertTrue(assertThrows(InvalidSnapshotException.class, () -> SnapshotIO.read(newer)).getMessage()
                .contains("reads versions 1 to 2"));
    }

    @Test
    void aFileWithNoneOfTheSampledIdsSaysWhatIdsLookLike() throws IOException {
        ReferenceSnapshot s = Snapshots.defaults(12);
        Path file = Files.writeString(dir.resolve("other.jsonl"), "{\"id\": \"/abs/path/img-000.jpg\", \"embedding\": [1]}\n");
        IOException e = assertThrows(IOException.class, () -> SnapshotEmbeddings.fromFile(s, file, null));
        assertTrue(e.getMessage().contains("relative to the images directory") && e.getMessage().contains("set/img-000.jpg"),
                e.getMessage());
    }

    @Test
    void tooFewEmbeddingsCannotFitAProjection() throws IOException {
        ReferenceSnapshot s = Snapshots.defaults(40);
        SnapshotEmbeddings.Found found = SnapshotEmbeddings.fromFile(s, embeddingsFile(s), null);
        SnapshotEmbeddings.Found few = new SnapshotEmbeddings.Found(6,
                found.embeddings().entrySet().stream().limit(5).collect(java.util.stream.Collectors.toMap(
                        java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)), 35, "x");
        assertThrows(IllegalArgumentException.class, () -> SnapshotEmbeddings.attach(s, few, "m", null, 4));
    }

    private static String json(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 1 && (bytes[0] & 0xFF) == 0x1F) {
            bytes = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
