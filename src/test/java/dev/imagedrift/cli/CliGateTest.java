package dev.imagedrift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a CI gate: every outcome has its own exit code, and every mistake says what to do. */
class CliGateTest {
    @TempDir
    Path dir;

    @Test
    void noArgumentsPrintUsageAndFail() {
        CliRun r = CliRun.of();
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("Usage: imagedrift"), r.err());
        assertTrue(r.err().contains("check") && r.err().contains("snapshot") && r.err().contains("run"), r.err());
    }

    @Test
    void aMistypedOptionIsNamedWithItsClosestMatchEvenWhenARequiredOptionIsMissing() {
        CliRun r = CliRun.of("check", "--refrence", "samples/reference", "--current", "samples/current");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("--refrence"), r.err());
        assertTrue(r.err().contains("--reference"), "the suggestion: " + r.err());
        assertFalse(r.err().startsWith("Missing required option"), r.err());
    }

    @Test
    void tooFewImagesIsItsOwnExitCodeUnlessAllowed() throws IOException {
        Path few = dir.resolve("few");
        Files.createDirectories(few);
        try (Stream<Path> photos = Files.list(Path.of("samples/current")).sorted().limit(5)) {
            for (Path p : (Iterable<Path>) photos::iterator) Files.copy(p, few.resolve(p.getFileName()));
        }
        CliRun strict = CliRun.of("check", "--reference", "samples/reference", "--current", few.toString(), "--quiet");
        assertEquals(ExitCodes.INSUFFICIENT_DATA, strict.exitCode(), strict.out() + strict.err());
        assertTrue(strict.out().contains("NOT ENOUGH DATA") || strict.out().contains("INSUFFICIENT"), strict.out());
        CliRun lenient = CliRun.of("check", "--reference", "samples/reference", "--current", few.toString(), "--quiet",
                "--insufficient-data-ok");
        assertEquals(ExitCodes.OK, lenient.exitCode(), lenient.err());
    }

    @Test
    void anImageGivenAsASnapshotSaysWhatToGiveInstead() throws IOException {
        Path image;
        try (Stream<Path> photos = Files.list(Path.of("samples/current")).sorted()) {
            image = photos.findFirst().orElseThrow();
        }
        CliRun r = CliRun.of("check", "--reference", "samples/reference", "--current", image.toString(), "--quiet");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("image, not a snapshot"), r.err());
        assertTrue(r.err().contains("snapshot --images"), r.err());
        assertFalse(r.err().toLowerCase().contains("unexpected character"), "no parser error leaks: " + r.err());
    }

    @Test
    void exitCodesAreListedInTheHelp() {
        CliRun r = CliRun.of("check", "--help");
        assertEquals(ExitCodes.OK, r.exitCode());
        assertTrue(r.out().contains("3") && r.out().contains("not enough data"), r.out());
    }
}
