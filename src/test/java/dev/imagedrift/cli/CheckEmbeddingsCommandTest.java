package dev.imagedrift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check and snapshot with embeddings, computed by the committed test model through the real ONNX loading code. */
class CheckEmbeddingsCommandTest {
    static final String MODEL = "samples/models/tiny-embedder.onnx";

    @TempDir
    Path dir;

    @Test
    void checkOfTwoFoldersWithAnOnnxModelReportsBothDrifts() throws Exception {
        CliRun r = CliRun.of("check", "--reference", "samples/reference", "--current", "samples/current-brightened",
                "--onnx-model", MODEL, "--input-size", "32", "--format", "json", "--quiet");
        assertEquals(ExitCodes.DRIFT, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("DRIFT", json.get("status").asText());
        assertEquals("DRIFT", json.at("/decision/properties").asText());
        assertEquals("tiny-embedder", json.at("/embedding/model").asText());
        assertEquals(64, json.at("/embedding/dimension").asInt());
        assertEquals(300, json.at("/embedding/nCurrent").asInt());
        assertTrue(json.at("/embedding/pValue").isNumber());
        assertTrue(json.at("/embedding/importance/0/component").asText().startsWith("PC"));
        assertEquals(0.005, json.at("/embedding/alpha").asDouble(), 1e-12);

        CliRun same = CliRun.of("check", "--reference", "samples/reference", "--current", "samples/current",
                "--onnx-model", MODEL, "--input-size", "32", "--quiet");
        assertEquals(ExitCodes.OK, same.exitCode(), same.err());
        assertTrue(same.out().contains("Embedding drift: NO DRIFT (model tiny-embedder, dimension 64"), same.out());
        assertTrue(same.out().contains("Bonferroni"), same.out());
    }

    @Test
    void aSnapshotWithEmbeddingsServesLaterChecksAndTheHtmlReportShowsBoth() throws Exception {
        Path snap = dir.resolve("ref.json.gz");
        CliRun s = CliRun.of("snapshot", "--images", "samples/reference", "--out", snap.toString(),
                "--onnx-model", MODEL, "--input-size", "32", "--quiet");
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("embeddings   model tiny-embedder, dimension 64, 300 of 300"), s.out());
        Path html = dir.resolve("r.html");
        CliRun c = CliRun.of("check", "--reference", snap.toString(), "--current", "samples/current-brightened",
                "--onnx-model", MODEL, "--input-size", "32", "--format", "html", "--out", html.toString(), "--quiet");
        assertEquals(ExitCodes.DRIFT, c.exitCode(), c.err());
        String page = Files.readString(html);
        assertTrue(page.contains("Embedding drift: DRIFT") || page.contains("Embedding drift: NO DRIFT"), "embedding card");
        assertTrue(page.contains("Components that separate the sides"));
        assertTrue(page.contains("Bonferroni"));
    }

    @Test
    void embeddingsFromAFileNeedTheModelName() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("e.jsonl"), "{\"id\": \"ref-000.jpg\", \"embedding\": [1, 2]}\n");
        CliRun r = CliRun.of("snapshot", "--images", "samples/reference", "--out", dir.resolve("s.json").toString(),
                "--embeddings", jsonl.toString(), "--quiet");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("--embedding-model"), r.err());
    }

    @Test
    void aReferenceWithEmbeddingsCheckedWithoutCurrentEmbeddingsComparesPropertiesAndSaysSo() throws Exception {
        Path snap = dir.resolve("ref.json.gz");
        assertEquals(0, CliRun.of("snapshot", "--images", "samples/reference", "--out", snap.toString(),
                "--onnx-model", MODEL, "--input-size", "32", "--quiet").exitCode());
        CliRun c = CliRun.of("check", "--reference", snap.toString(), "--current", "samples/current", "--quiet");
        assertEquals(ExitCodes.OK, c.exitCode(), c.err());
        assertTrue(c.err().contains("comparing properties only"), c.err());
    }
}
