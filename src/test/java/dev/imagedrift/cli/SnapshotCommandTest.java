package dev.imagedrift.cli;

import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SnapshotIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path images(int n) throws IOException {
        Path images = dir.resolve("images");
        Files.createDirectories(images);
        for (int i = 0; i < n; i++) {
            BufferedImage image = new BufferedImage(12, 9, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(20 * i, 100, 200 - 10 * i));
            g.fillRect(0, 0, 12, 9);
            g.dispose();
            ImageIO.write(image, "png", images.resolve("img" + i + ".png").toFile());
        }
        return images;
    }

    @Test
    void writesASnapshotAndPrintsASummary() throws Exception {
        Path images = images(6);
        Files.write(images.resolve("empty.jpg"), new byte[0]);
        Files.writeString(images.resolve("readme.txt"), "notes");
        Path file = dir.resolve("out/ref.json.gz");

        int code = run("snapshot", "--images", images.toString(), "--out", file.toString(),
                "--max-samples", "4", "--seed", "3", "--threads", "2", "--quiet");

        assertEquals(0, code, err.toString());
        ReferenceSnapshot s = SnapshotIO.read(file, PropertySet.defaults());
        assertEquals(4, s.samples().size());
        assertEquals(6, s.imagesRead());
        assertEquals(3L, s.sampleSeed());
        String summary = out.toString();
        assertTrue(summary.contains("6 of 7 image files (1 other files, listed as skipped)"), summary);
        assertTrue(summary.contains("2 skipped (1 empty, 1 unknown_format)"), summary);
        assertTrue(summary.contains("empty.jpg: empty"), summary);
        assertTrue(summary.contains("readme.txt: unknown_format"), summary);
        assertTrue(summary.contains("4 rows (limit 4, seed 3)"), summary);
        assertTrue(summary.contains(s.contentVersion()), summary);
        assertTrue(summary.contains("images/s, 2 threads"), summary);
    }

    @Test
    void webpAndTiffAreReadAndUnknownFilesListedAsSkipped() throws Exception {
        Path images = images(3);
        Files.write(images.resolve("photo.webp"), readResource("webp/photo-lossless.webp"));
        Files.write(images.resolve("photo.tif"), readResource("tiff/photo-planar-lzw.tif"));
        Files.write(images.resolve("clip.avif"), new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p'});
        Path file = dir.resolve("ref.json");
        assertEquals(0, run("snapshot", "--images", images.toString(), "--out", file.toString(), "--quiet"),
                err.toString());
        ReferenceSnapshot s = SnapshotIO.read(file, PropertySet.defaults());
        assertEquals(5, s.imagesRead());
        assertEquals(List.of("clip.avif unknown_format"),
                s.skipped().stream().map(k -> k.id() + " " + k.reason()).toList());
    }

    private static byte[] readResource(String name) throws java.io.IOException {
        try (var in = SnapshotCommandTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void sampleFirstReadsOnlyTheSample() throws Exception {
        Path images = images(8);
        Path full = dir.resolve("full.json");
        Path lazy = dir.resolve("lazy.json");
        assertEquals(0, run("snapshot", "--images", images.toString(), "--out", full.toString(), "--max-samples", "3",
                "--quiet"));
        assertEquals(0, run("snapshot", "--images", images.toString(), "--out", lazy.toString(), "--max-samples", "3",
                "--sample-first", "--quiet"));
        assertEquals(SnapshotIO.read(full).contentVersion(), SnapshotIO.read(lazy).contentVersion());
        assertEquals(3, SnapshotIO.read(lazy).imagesRead());
        assertTrue(out.toString().contains("3 of 8 image files"), out.toString());
        assertTrue(out.toString().contains("stopped when the sample was full: 5 image files not read"), out.toString());
    }

    @Test
    void exitsOneAndWritesNothingWhenNoImageCanBeRead() throws Exception {
        Path images = dir.resolve("bad");
        Files.createDirectories(images);
        Files.write(images.resolve("a.jpg"), new byte[0]);
        Files.writeString(images.resolve("b.png"), "text");
        Path file = dir.resolve("ref.json");

        int code = run("snapshot", "--images", images.toString(), "--out", file.toString(), "--quiet");

        assertEquals(1, code);
        assertFalse(Files.exists(file));
        assertTrue(err.toString().contains("No image could be read from " + images), err.toString());
        assertTrue(err.toString().contains("b.png: unknown_format"), err.toString());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Path images = images(1);
        String outFile = dir.resolve("r.json").toString();
        assertEquals(2, run("snapshot", "--out", outFile));
        assertTrue(err.toString().contains("--images"), err.toString());
        assertEquals(2, run("snapshot", "--images", dir.resolve("missing").toString(), "--out", outFile));
        assertTrue(err.toString().contains("not a directory"), err.toString());
        assertEquals(2, run("snapshot", "--images", images.toString(), "--out", outFile, "--max-samples", "0"));
        assertTrue(err.toString().contains("--max-samples must be at least 1"), err.toString());
        assertEquals(2, run("snapshot", "--images", images.toString(), "--out", outFile, "--threads", "0"));
        assertEquals(2, run("snapshot", "--images", images.toString(), "--out", outFile, "--max-pixels", "-5"));
        assertEquals(2, run("snapshot", "--images", images.toString(), "--out", outFile, "--seed", "abc"));
        assertFalse(Files.exists(Path.of(outFile)));
    }

    @Test
    void topicUsageErrorsExitTwoBeforeAnyConnection() throws Exception {
        Path images = images(1);
        String outFile = dir.resolve("r.json").toString();
        String[] range = {"--from", "2026-12-01T08:00:00Z", "--to", "2026-12-01T09:00:00Z"};
        assertEquals(2, run("snapshot", "--images", images.toString(), "--from-topic", "--stream", "cam", range[0],
                range[1], range[2], range[3], "--out", outFile));
        assertTrue(err.toString().contains("either --images DIR or --from-topic"), err.toString());
        assertEquals(2, run("snapshot", "--from-topic", range[0], range[1], range[2], range[3], "--out", outFile));
        assertTrue(err.toString().contains("--from-topic needs --stream"), err.toString());
        assertEquals(2, run("snapshot", "--from-topic", "--stream", "cam", "--from", "yesterday", range[2], range[3],
                "--out", outFile));
        assertTrue(err.toString().contains("--from yesterday: not an ISO-8601 time"), err.toString());
        assertEquals(2, run("snapshot", "--from-topic", "--stream", "cam", "--from", range[3], "--to", range[1],
                "--out", outFile));
        assertTrue(err.toString().contains("must be before --to"), err.toString());
        assertEquals(2, run("snapshot", "--from-topic", "--stream", "cam", range[0], range[1], "--out", outFile));
        assertTrue(err.toString().contains("--from-topic needs --to"), err.toString());
        assertFalse(Files.exists(Path.of(outFile)));
    }

    @Test
    void exitsOneWhenTheFileCannotBeWritten() throws Exception {
        Path images = images(2);
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        int code = run("snapshot", "--images", images.toString(), "--out", blocker.resolve("ref.json").toString(),
                "--quiet");
        assertEquals(1, code);
        assertTrue(err.toString().contains("Cannot write"), err.toString());
    }

    @Test
    void isListedInTheMainHelp() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("snapshot"), out.toString());
    }
}
