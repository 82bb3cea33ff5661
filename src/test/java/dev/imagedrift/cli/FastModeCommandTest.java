package dev.imagedrift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagedrift.image.JpegDecoding;
import dev.imagedrift.image.TurboJpegForTests;
import dev.imagedrift.properties.PropertiesMode;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SnapshotIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --fast} and {@code --jpeg-decoder} on snapshot and check: the snapshot records its mode
 * and decoder, reports name them, and a reference is never compared with current images measured
 * in the other mode.
 */
class FastModeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void snapshotsRecordTheirModeAndDecoder() throws Exception {
        TurboJpegForTests.required();
        Path fast = dir.resolve("fast.json.gz");
        CliRun r = CliRun.of("snapshot", "--images", "samples/reference", "--out", fast.toString(), "--fast", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("fast mode, JPEG decoder turbojpeg"), r.out());
        ReferenceSnapshot snapshot = SnapshotIO.read(fast);
        assertEquals(PropertiesMode.FAST, snapshot.measuredWith().mode());
        assertEquals(JpegDecoding.TURBOJPEG, snapshot.measuredWith().decoder());

        Path exact = dir.resolve("exact.json.gz");
        assertEquals(0, CliRun.of("snapshot", "--images", "samples/reference", "--out", exact.toString(),
                "--jpeg-decoder", "imageio", "--quiet").exitCode());
        ReferenceSnapshot slow = SnapshotIO.read(exact);
        assertEquals(PropertiesMode.EXACT, slow.measuredWith().mode());
        assertEquals(JpegDecoding.IMAGEIO, slow.measuredWith().decoder());
    }

    @Test
    void checkRefusesToCompareAFastReferenceWithExactImages() throws Exception {
        TurboJpegForTests.required();
        Path fast = dir.resolve("fast.json.gz");
        assertEquals(0, CliRun.of("snapshot", "--images", "samples/reference", "--out", fast.toString(), "--fast",
                "--quiet").exitCode());
        CliRun mixed = CliRun.of("check", "--reference", fast.toString(), "--current", "samples/current", "--quiet");
        assertEquals(2, mixed.exitCode(), mixed.out());
        assertTrue(mixed.err().contains("measured in fast mode") && mixed.err().contains("exact mode"), mixed.err());

        CliRun same = CliRun.of("check", "--reference", fast.toString(), "--current", "samples/current-brightened",
                "--fast", "--format", "json", "--quiet");
        assertEquals(1, same.exitCode(), same.err());
        JsonNode json = JSON.readTree(same.out());
        assertEquals("DRIFT", json.path("status").asText());
        assertEquals("Brightness", json.path("importance").get(0).path("property").asText());
        for (String side : new String[] {"reference", "current"}) {
            assertEquals("fast", json.path(side).path("propertiesMode").asText(), side);
            assertEquals("turbojpeg", json.path(side).path("decoder").asText(), side);
        }
    }

    @Test
    void textAndJsonReportsNameTheDecoder() throws Exception {
        CliRun text = CliRun.of("check", "--reference", "samples/reference", "--current", "samples/current",
                "--jpeg-decoder", "imageio", "--quiet");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("measured in exact mode, JPEG decoder imageio"), text.out());
        CliRun json = CliRun.of("check", "--reference", "samples/reference", "--current", "samples/current",
                "--format", "json", "--quiet");
        String expected = TurboJpegForTests.required().name();
        assertEquals(expected, JSON.readTree(json.out()).path("current").path("decoder").asText());
    }

    @Test
    void fastModeWithoutTurboJpegIsAUsageError() {
        CliRun imageio = CliRun.of("snapshot", "--images", "samples/reference", "--out", dir.resolve("x.json").toString(),
                "--fast", "--jpeg-decoder", "imageio");
        assertEquals(2, imageio.exitCode());
        assertTrue(imageio.err().contains("--fast needs the TurboJPEG decoder"), imageio.err());
        CliRun missing = CliRun.of("snapshot", "--images", "samples/reference", "--out", dir.resolve("y.json").toString(),
                "--jpeg-decoder", "turbojpeg", "--turbojpeg-jar", dir.resolve("none.jar").toString());
        if (!TurboJpegForTests.required().description().contains("class path")) {
            assertEquals(2, missing.exitCode(), missing.out());
            assertTrue(missing.err().contains("none.jar not found"), missing.err());
        }
        CliRun bad = CliRun.of("check", "--reference", "samples/reference", "--current", "samples/current",
                "--jpeg-decoder", "libjpeg");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("auto, turbojpeg or imageio"), bad.err());
    }
}
