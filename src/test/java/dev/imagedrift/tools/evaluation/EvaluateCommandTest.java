package dev.imagedrift.tools.evaluation;

import dev.imagedrift.cli.CliRun;
import dev.imagedrift.tools.ToolsMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(ToolsMain.commandLine(), args);
    }

    @Test
    void missingImagesSayWhatToRun() {
        CliRun r = run("evaluate", "--images", dir.resolve("nothing").toString(), "--quiet");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("scripts/fetch-eval-images.sh") && r.err().contains("nothing"), r.err());
    }

    @Test
    void aMissingPhotographIsNamed() throws Exception {
        Path images = FakePackages.create(dir.resolve("x"));
        Path missing = images.resolve("usr/share/doc/opencv-doc/examples/data/fruits.jpg");
        Files.delete(missing);
        CliRun r = run("evaluate", "--images", images.toString(), "--cache", dir.resolve("cache").toString(),
                "--out", dir.resolve("docs").toString(), "--quiet");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains(missing + " is missing") && r.err().contains("fetch-eval-images.sh"), r.err());
    }

    @Test
    void optionsThatCannotWorkAreRefusedNamingTheOption() {
        assertOptionError("--pool-size", "evaluate", "--pool-size", "9000");
        assertOptionError("--sizes", "evaluate", "--sizes", "10,100");
        assertOptionError("--domain-size", "evaluate", "--domain-size", "20000");
        assertOptionError("--alpha", "evaluate", "--alpha", "2");
        assertOptionError("--threads", "evaluate", "--threads", "0");
        assertOptionError("--null-trials", "evaluate", "--null-trials", "0");
        assertOptionError("--burst-scenes", "evaluate", "--pool-size", "1000", "--sizes", "50,100");
        assertOptionError("--burst-scenes", "evaluate", "--burst-scenes", "20");
    }

    private static void assertOptionError(String option, String... args) {
        CliRun r = run(args);
        assertEquals(2, r.exitCode(), String.join(" ", args));
        assertTrue(r.err().contains(option), String.join(" ", args) + ": " + r.err());
    }

    @Test
    void writesTheReportWithTheCommandThatRegeneratesIt() throws Exception {
        Path images = FakePackages.create(dir.resolve("x"));
        Path out = dir.resolve("docs");
        CliRun r = run("evaluate", "--images", images.toString(), "--cache", dir.resolve("cache").toString(),
                "--out", out.toString(), "--sizes", "30,40", "--null-trials", "3", "--power-trials", "1",
                "--pool-size", "100", "--domain-size", "50", "--burst-scenes", "0", "--note", "a test run", "--threads", "1",
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("False-alarm rate of the calibrated rule"), r.out());
        String document = Files.readString(out.resolve("EVALUATION.md"));
        assertTrue(document.contains("scripts/evaluate.sh --out " + out + " --sizes 30,40 --null-trials 3 "
                + "--power-trials 1 --pool-size 100 --domain-size 50 --burst-scenes 0\n"), "machine-specific options left out");
        assertTrue(document.contains("- Note: a test run"));
        assertFalse(document.contains("{{"));
    }
}
