package dev.imagedrift.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.properties.ImageProperty;
import dev.imagedrift.properties.PropertySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotIOTest {
    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void roundTripsThroughPlainJson() throws Exception {
        ReferenceSnapshot original = Snapshots.defaults(30);
        Path file = dir.resolve("ref.json");
        SnapshotIO.write(original, file);
        assertRoundTrip(original, SnapshotIO.read(file, PropertySet.defaults()));
        String text = Files.readString(file);
        assertTrue(text.contains("\"format\" : \"imagedrift-reference-snapshot\""), text.substring(0, 200));
        assertTrue(text.contains("null"), "NaN is written as null");
        assertTrue(!text.contains("NaN"), "no NaN token in the file");
    }

    @Test
    void roundTripsThroughGzipWhenTheNameEndsInGz() throws Exception {
        ReferenceSnapshot original = Snapshots.defaults(30);
        Path file = dir.resolve("sub/dir/ref.json.GZ");
        SnapshotIO.write(original, file);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(0x1F, bytes[0] & 0xFF);
        assertEquals(0x8B, bytes[1] & 0xFF);
        assertRoundTrip(original, SnapshotIO.read(file, PropertySet.defaults()));
    }

    @Test
    void overwritesAnExistingFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("ref.json");
        SnapshotIO.write(Snapshots.defaults(3), file);
        SnapshotIO.write(Snapshots.defaults(5), file);
        assertEquals(5, SnapshotIO.read(file).samples().size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void readsColumnsInAnotherOrderIntoTheExpectedOrder() throws Exception {
        ReferenceSnapshot original = Snapshots.defaults(4);
        ObjectNode doc = document(original);
        // Swap the first two columns in the names and in every row.
        ArrayNode names = (ArrayNode) doc.get("propertyNames");
        String first = names.get(0).asText();
        names.set(0, names.get(1));
        names.set(1, json.getNodeFactory().textNode(first));
        for (var row : doc.get("samples")) {
            ArrayNode values = (ArrayNode) row.get("values");
            var v0 = values.get(0);
            values.set(0, values.get(1));
            values.set(1, v0);
        }
        ReferenceSnapshot read = SnapshotIO.read(writeJson(doc), PropertySet.defaults());
        assertEquals(PropertySet.defaults().names(), read.propertyNames());
        assertRoundTrip(original, read);
    }

    @Test
    void readsWithoutAnExpectedPropertySet() throws Exception {
        ReferenceSnapshot original = Snapshots.defaults(4);
        Path file = dir.resolve("ref.json");
        SnapshotIO.write(original, file);
        assertRoundTrip(original, SnapshotIO.read(file));
    }

    @Test
    void refusesAWrongFormatName() {
        String problem = problemOf(doc -> doc.put("format", "something-else"));
        assertTrue(problem.contains("\"something-else\"") && problem.contains("imagedrift-reference-snapshot"), problem);
    }

    @Test
    void refusesAFileWithoutFormatName() {
        String problem = problemOf(doc -> doc.remove("format"));
        assertTrue(problem.contains("no \"format\" field"), problem);
    }

    @Test
    void refusesAnUnsupportedVersionBeforeLookingAtTheRest() {
        String problem = problemOf(doc -> {
            doc.put("formatVersion", ReferenceSnapshot.FORMAT_VERSION + 1);
            doc.put("samples", "a future layout");
        });
        assertTrue(problem.contains("unsupported formatVersion " + (ReferenceSnapshot.FORMAT_VERSION + 1)), problem);
    }

    @Test
    void refusesPropertiesThatDoNotMatchListingTheDifference() throws Exception {
        Path file = dir.resolve("ref.json");
        SnapshotIO.write(Snapshots.defaults(3), file);
        ImageProperty sharpness = new ImageProperty() {
            @Override public String name() { return "Sharpness"; }
            @Override public double compute(DecodedImage image) { return 0; }
        };
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                () -> SnapshotIO.read(file, PropertySet.withExtras(List.of(sharpness))));
        assertTrue(e.problem().contains("missing [Sharpness]"), e.problem());

        String problem = problemOf(doc -> ((ArrayNode) doc.get("propertyNames")).set(3, "Contrast"));
        assertTrue(problem.contains("missing [RMS Contrast]") && problem.contains("not expected [Contrast]"), problem);
    }

    @Test
    void refusesARowOfTheWrongLength() {
        String problem = problemOf(doc -> ((ArrayNode) doc.get("samples").get(1).get("values")).remove(0));
        assertTrue(problem.contains("samples[1]") && problem.contains("set/img-001.jpg")
                && problem.contains("6 values for 7 properties"), problem);
    }

    @Test
    void refusesDuplicateIds() {
        String problem = problemOf(doc -> ((ObjectNode) doc.get("samples").get(2)).put("id", "set/img-000.jpg"));
        assertTrue(problem.contains("duplicate sample ids [set/img-000.jpg]"), problem);
    }

    @Test
    void refusesNonFiniteValuesOtherThanNull() throws Exception {
        for (String token : List.of("NaN", "Infinity", "-Infinity", "1e999", "\"NaN\"")) {
            Path file = writeText(textOf(Snapshots.defaults(3)).replaceFirst("100\\.5", token));
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> SnapshotIO.read(file));
            assertTrue(e.problem().contains("\"Brightness\" is") && e.problem().contains("only null"),
                    token + ": " + e.problem());
        }
    }

    @Test
    void refusesAnEmptySample() {
        String problem = problemOf(doc -> ((ArrayNode) doc.get("samples")).removeAll());
        assertTrue(problem.contains("sample is empty"), problem);
    }

    @Test
    void refusesAnEditedValueThroughTheContentVersion() {
        String problem = problemOf(doc -> ((ArrayNode) doc.get("samples").get(0).get("values")).set(2, 99.0));
        assertTrue(problem.contains("contentVersion") && problem.contains("edited or damaged"), problem);
    }

    @Test
    void acceptsAFileWithoutContentVersion() throws Exception {
        ObjectNode doc = document(Snapshots.defaults(3));
        doc.remove("contentVersion");
        assertEquals(3, SnapshotIO.read(writeJson(doc)).samples().size());
    }

    @Test
    void refusesMissingFieldsAndInconsistentCounts() {
        assertTrue(problemOf(doc -> doc.remove("samples")).contains("no \"samples\" field"));
        assertTrue(problemOf(doc -> doc.remove("propertyNames")).contains("no \"propertyNames\" field"));
        assertTrue(problemOf(doc -> doc.put("sampleLimit", 2)).contains("3 sample rows but sampleLimit is 2"));
        assertTrue(problemOf(doc -> doc.put("imagesRead", 1)).contains("imagesRead is only 1"));
        assertTrue(problemOf(doc -> ((ObjectNode) doc.get("samples").get(0)).remove("id")).contains("samples[0] has no id"));
    }

    @Test
    void refusesWrongTypesAndBrokenJsonWithTheLocation() throws Exception {
        String problem = problemOf(doc -> doc.put("imagesRead", "many"));
        assertTrue(problem.contains("not a readable snapshot") && problem.contains("line"), problem);

        Path truncated = writeText(textOf(Snapshots.defaults(3)).substring(0, 300));
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> SnapshotIO.read(truncated));
        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());

        Path notJson = writeText("<html>not a snapshot</html>");
        e = assertThrows(InvalidSnapshotException.class, () -> SnapshotIO.read(notJson));
        assertTrue(e.problem().contains("not a snapshot") && e.problem().contains("does not start with"), e.problem());
    }

    @Test
    void aGzipBombEndsInAClearErrorNotOutOfMemory() throws Exception {
        Path bomb = dir.resolve("bomb.json.gz");
        long limit = SnapshotIO.maxSnapshotBytes();
        byte[] zeros = new byte[1 << 20];
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bomb))) {
            out.write('{');
            for (long written = 0; written <= limit; written += zeros.length) out.write(zeros);
        }
        assertTrue(Files.size(bomb) < limit / 100, "a small file that decompresses past the limit");
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> SnapshotIO.read(bomb));
        assertTrue(e.problem().contains("snapshot size limit"), e.problem());
    }

    @Test
    void anImageOrArchiveIsNamedForWhatItIs() throws Exception {
        Path jpeg = dir.resolve("photo.json");
        Files.write(jpeg, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'});
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> SnapshotIO.read(jpeg));
        assertTrue(e.problem().contains("a JPEG image, not a snapshot"), e.problem());
        Path zip = dir.resolve("images.zip");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0});
        e = assertThrows(InvalidSnapshotException.class, () -> SnapshotIO.read(zip));
        assertTrue(e.problem().contains("a zip archive"), e.problem());
    }

    @Test
    void refusesDamagedGzip() throws Exception {
        Path file = dir.resolve("ref.json.gz");
        SnapshotIO.write(Snapshots.defaults(20), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> SnapshotIO.read(file));
        assertTrue(e.problem().contains("gzip"), e.problem());
    }

    @Test
    void refusesToWriteWhatCouldNotBeRead() {
        ReferenceSnapshot empty = new ReferenceSnapshot(1, "t", "/x", PropertySet.defaults().names(), 0, List.of(),
                10, 42, List.of());
        assertThrows(IllegalArgumentException.class, () -> SnapshotIO.write(empty, dir.resolve("e.json")));

        ReferenceSnapshot infinite = new ReferenceSnapshot(1, "t", "/x", List.of("A"), 1, List.of(), 10, 42,
                List.of(new SnapshotRow("a", new double[] {Double.POSITIVE_INFINITY})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SnapshotIO.write(infinite, dir.resolve("i.json")));
        assertTrue(e.getMessage().contains("infinite"));
    }

    private static void assertRoundTrip(ReferenceSnapshot expected, ReferenceSnapshot actual) {
        assertEquals(expected.propertyNames(), actual.propertyNames());
        assertEquals(expected.imagesRead(), actual.imagesRead());
        assertEquals(expected.skipped(), actual.skipped());
        assertEquals(expected.sampleLimit(), actual.sampleLimit());
        assertEquals(expected.sampleSeed(), actual.sampleSeed());
        assertEquals(expected.createdAt(), actual.createdAt());
        assertEquals(expected.source(), actual.source());
        assertEquals(expected.samples().size(), actual.samples().size());
        for (int i = 0; i < expected.samples().size(); i++) {
            assertEquals(expected.samples().get(i).id(), actual.samples().get(i).id());
            assertArrayEquals(expected.samples().get(i).values(), actual.samples().get(i).values(),
                    "values, NaN included, come back bit for bit");
        }
        assertEquals(expected.contentVersion(), actual.contentVersion());
    }

    private String textOf(ReferenceSnapshot snapshot) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        SnapshotIO.write(snapshot, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private ObjectNode document(ReferenceSnapshot snapshot) throws IOException {
        return (ObjectNode) json.readTree(textOf(snapshot));
    }

    private Path writeJson(ObjectNode doc) throws IOException {
        return writeText(json.writeValueAsString(doc));
    }

    private Path writeText(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "snapshot", ".json"), text);
    }

    /** The problem reported for a valid 3-row snapshot after {@code edit}; the message must name the file. */
    private String problemOf(Consumer<ObjectNode> edit) {
        try {
            ObjectNode doc = document(Snapshots.defaults(3));
            edit.accept(doc);
            Path file = writeJson(doc);
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                    () -> SnapshotIO.read(file, PropertySet.defaults()));
            assertTrue(e.getMessage().startsWith("invalid reference snapshot " + file + ": "), e.getMessage());
            return e.problem();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
