package dev.imagedrift.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.Samples;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.image.ImageDecoder;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented JSON Schemas match what the monitor really writes, and the documented examples are accepted. */
class RecordSchemasTest {
    private static JsonSchema schema(String file) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("docs/schemas", file))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static void assertValid(JsonSchema schema, JsonNode node) {
        Set<ValidationMessage> errors = schema.validate(node);
        assertTrue(errors.isEmpty(), errors + " in " + node);
    }

    private static Samples samples(int n, double shift, long seed) {
        Random r = new Random(seed);
        double[][] rows = new double[n][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double red = 0.33 + 0.03 * r.nextGaussian();
            rows[i] = new double[] {0.75, 3000 + 500 * r.nextGaussian(), 110 + 20 * r.nextGaussian() + shift,
                    50 + 10 * r.nextGaussian(), red, 0.34, 0.66 - red};
            ids.add("img-" + seed + "-" + i);
        }
        return new Samples(PropertySet.defaults().names(), rows, ids);
    }

    @Test
    void scoreRecordsOfEveryStatusMatchTheirSchema() throws Exception {
        JsonSchema schema = schema("score-record.schema.json");
        for (DetectorSettings settings : List.of(DetectorSettings.calibratedDefaults(),
                DetectorSettings.referenceCheckDefaults())) {
            for (int[] shape : new int[][] {{200, 0}, {200, 40}, {10, 0}}) { // OK, DRIFT, INSUFFICIENT_DATA
                DriftResult result = Detectors.create(settings).detect(samples(200, 0, 1), samples(shape[0], shape[1], 2));
                ScoreRecord record = ScoreRecord.of("cam", 0L, 10_000L, 250, result, "abc123def456",
                        Instant.parse("2026-11-28T14:00:00Z"), 12);
                assertValid(schema, JsonSerde.MAPPER.valueToTree(record));
            }
        }
    }

    @Test
    void scoreRecordsWithEmbeddingsMatchTheirSchema() throws Exception {
        JsonSchema schema = schema("score-record.schema.json");
        dev.imagedrift.detect.CombinedDetector detector =
                new dev.imagedrift.detect.CombinedDetector(DetectorSettings.calibratedDefaults());
        java.util.List<float[]> vectors = new java.util.ArrayList<>();
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 100; i++) {
            float[] v = new float[6];
            for (int j = 0; j < 6; j++) v[j] = (float) r.nextGaussian();
            vectors.add(v);
        }
        dev.imagedrift.embedding.Projection projection = dev.imagedrift.embedding.Projection.fit(vectors, 3);
        java.util.List<String> ids = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "r" + i).toList();
        dev.imagedrift.reference.ReferenceEmbeddings embeddings = new dev.imagedrift.reference.ReferenceEmbeddings(
                "m", 6, "file", null, projection, ids,
                vectors.stream().map(projection::project).toArray(double[][]::new), 0);
        for (int[] shape : new int[][] {{200, 0}, {200, 40}, {10, 0}}) {
            dev.imagedrift.detect.CombinedResult result = detector.detect(samples(200, 0, 1),
                    samples(shape[0], shape[1], 2), embeddings.toSamples(), embeddings.toSamples());
            ScoreRecord record = ScoreRecord.of("cam", 0L, 10_000L, 250, result, embeddings, "abc123def456",
                    Instant.parse("2026-11-28T14:00:00Z"), 12);
            JsonNode json = JsonSerde.MAPPER.valueToTree(record);
            assertValid(schema, json);
            assertEquals(3, json.at("/embedding/components").asInt());
            assertEquals(ScoreRecord.class, JsonSerde.MAPPER.treeToValue(json, ScoreRecord.class).getClass());
        }
        DriftResult plain = Detectors.create(DetectorSettings.calibratedDefaults()).detect(samples(200, 0, 1),
                samples(200, 0, 2));
        JsonNode without = JsonSerde.MAPPER.valueToTree(ScoreRecord.of("cam", 0L, 1L, 1, plain, "v", Instant.EPOCH, 1));
        assertFalse(without.has("embedding") || without.has("decision"), "absent without embeddings");
    }

    @Test
    void alertRecordsMatchTheirSchema() throws Exception {
        AlertRecord a = new AlertRecord(AlertRecord.SCHEMA, "cam", AlertRecord.FIRING, Instant.EPOCH,
                Instant.ofEpochSecond(10), 0.4, 1e-9, "DRIFT: ...", "FIRING after 2 of the last 3 windows drifted",
                "abc123def456", Instant.now());
        assertValid(schema("alert-record.schema.json"), JsonSerde.MAPPER.valueToTree(a));
        AlertRecord missing = new AlertRecord(AlertRecord.SCHEMA, "cam", "MAYBE", Instant.EPOCH, Instant.EPOCH,
                null, null, "", "", "", Instant.EPOCH);
        assertFalse(schema("alert-record.schema.json").validate(JsonSerde.MAPPER.valueToTree(missing)).isEmpty(),
                "the schema rejects an unknown state");
    }

    @Test
    void documentedEventExamplesAreValidAndAccepted() throws Exception {
        JsonSchema schema = schema("image-event.schema.json");
        PropertyExtractor extractor = new PropertyExtractor(ImageDecoder.withDefaults(), PropertySet.defaults());
        int checked = 0;
        try (DirectoryStream<Path> examples = Files.newDirectoryStream(Path.of("docs/examples"), "event-*.json")) {
            for (Path example : examples) {
                byte[] bytes = Files.readAllBytes(example);
                assertValid(schema, JsonSerde.MAPPER.readTree(bytes));
                ImageEvent event = new EventParser().parse(null, bytes, null, 0L, "x");
                if (event.hasImage() || event.properties() != null) {
                    Observation o = extractor.extract(event, SourcePosition.UNKNOWN);
                    assertEquals(7, o.values().length, example.toString());
                } else {
                    // An embedding alone: parsed here; checked against a reference in EmbeddingTopologyTest.
                    assertEquals(8, event.embedding().dimension(), example.toString());
                    assertEquals("tiny-embedder", event.embedding().model());
                }
                checked++;
            }
        }
        assertEquals(6, checked);
        JsonNode twoPayloads = JsonSerde.MAPPER.readTree(
                "{\"id\":\"a\",\"image\":\"AAAA\",\"properties\":{\"area\":1}}");
        assertFalse(schema.validate(twoPayloads).isEmpty(), "the schema also says: exactly one payload");
    }
}
