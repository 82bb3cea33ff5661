package dev.imagedrift.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagedrift.detect.Exemplar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void parsesBackWithEveryField() throws Exception {
        CheckReport report = ReportFixtures.report(ReportFixtures.drift(
                List.of(new Exemplar("prod/img007.jpg", 0.991)), List.of(new Exemplar("train/img001.jpg", 0.012))));
        JsonNode root = json.readTree(JsonReport.render(report));

        assertEquals("imagedrift-check-report", root.get("report").asText());
        assertEquals(1, root.get("reportVersion").asInt());
        assertEquals("2025-06-01T12:00:00Z", root.get("generatedAt").asText());
        assertEquals("DRIFT", root.get("status").asText());
        assertFalse(root.get("passed").asBoolean());
        assertTrue(root.get("condition").asText().startsWith("failed: p-value 2.1e-41 < alpha 0.01"));
        assertTrue(root.get("rule").asText().contains("effect-size floor 0.100"));
        assertEquals(0.712, root.get("driftScore").asDouble());
        assertEquals(0.1, root.get("threshold").asDouble());
        assertEquals(0.856, root.get("auc").asDouble());
        assertEquals(0.82, root.get("aucLower").asDouble());
        assertEquals(0.89, root.get("aucUpper").asDouble());
        assertEquals(2.1e-41, root.get("pValue").asDouble());
        assertEquals(400, root.get("nReference").asInt());
        assertEquals(150, root.get("nCurrent").asInt());
        assertEquals(400, root.get("unitsReference").asInt());
        assertEquals(15, root.get("unitsCurrent").asInt(), "150 frames of 15 scenes");

        JsonNode ref = root.get("reference");
        assertEquals("/data/train", ref.get("source").asText());
        assertEquals("3fa2b9c01d4e", ref.get("snapshotVersion").asText());
        assertEquals(403, ref.get("imagesRead").asLong());
        assertEquals(3, ref.get("imagesSkipped").asInt());
        assertEquals(2, ref.get("skippedByReason").get("undecodable").asInt());
        assertEquals(400, ref.get("samples").asInt());
        assertEquals(150, root.get("current").get("samples").asInt());

        assertEquals("Brightness", root.get("importance").get(0).get("property").asText());
        assertEquals(0.412, root.get("importance").get(0).get("importance").asDouble());
        JsonNode brightness = root.get("univariate").get(2);
        assertEquals("Brightness", brightness.get("property").asText());
        assertEquals(0.61, brightness.get("ks").asDouble());
        assertEquals(1e-7, brightness.get("ksPValue").asDouble(), 1e-20);
        assertEquals(0.366, brightness.get("emd").asDouble(), 1e-12);
        assertEquals(400, brightness.get("nReference").asInt());
        assertEquals("prod/img007.jpg", root.get("exemplars").get("current").get(0).get("id").asText());
        assertEquals(0.012, root.get("exemplars").get("reference").get(0).get("score").asDouble());

        JsonNode settings = root.get("settings");
        assertEquals("CALIBRATED", settings.get("mode").asText());
        assertEquals(5, settings.get("folds").asInt());
        assertEquals(0.01, settings.get("alpha").asDouble());
        assertEquals(42, settings.get("seed").asLong());
    }

    @Test
    void numbersThatWereNotComputedAreNull() throws Exception {
        JsonNode root = json.readTree(JsonReport.render(ReportFixtures.report(ReportFixtures.insufficient())));
        assertEquals("INSUFFICIENT_DATA", root.get("status").asText());
        assertTrue(root.get("passed").asBoolean());
        for (String field : List.of("driftScore", "auc", "aucLower", "aucUpper", "pValue")) {
            assertTrue(root.get(field).isNull(), field + " is null, not NaN: " + root.get(field));
        }
        assertTrue(root.get("univariate").get(0).get("ks").isNull());
        assertEquals(0, root.get("importance").size());
        assertEquals(0, root.get("exemplars").get("current").size());
    }

    @Test
    void referenceCheckOkPasses() throws Exception {
        JsonNode root = json.readTree(JsonReport.render(ReportFixtures.report(ReportFixtures.referenceCheckOk())));
        assertEquals("OK", root.get("status").asText());
        assertTrue(root.get("passed").asBoolean());
        assertEquals("REFERENCE_CHECK", root.get("settings").get("mode").asText());
        assertTrue(root.get("pValue").isNull());
    }

    @Test
    void writesAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.json");
        JsonReport.write(ReportFixtures.report(ReportFixtures.referenceCheckOk()), file);
        assertEquals("OK", json.readTree(file.toFile()).get("status").asText());
    }
}
