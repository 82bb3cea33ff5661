package dev.imagedrift.reference;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.properties.PropertySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotBuilderTest {
    @TempDir
    Path dir;

    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

    private SnapshotBuild build(SnapshotOptions options) throws Exception {
        return new SnapshotBuilder(PropertySet.defaults(), ImageLoaders.standard(), options, FIXED).build(dir);
    }

    /** n small PNGs of different colours and sizes, spread over nested folders. */
    private void writeImages(int n) {
        for (int i = 0; i < n; i++) {
            Color c = new Color((i * 37) % 256, (i * 91) % 256, (i * 53) % 256);
            String folder = i % 3 == 0 ? "a" : i % 3 == 1 ? "b/deep" : "";
            TestImages.write(TestImages.solid(8 + i % 5, 6 + i % 4, BufferedImage.TYPE_3BYTE_BGR, c), "png",
                    dir.resolve(folder).resolve(String.format("img%03d.png", i)));
        }
    }

    @Test
    void countsReadFilesAndListsEverySkippedFileWithItsReason() throws Exception {
        writeImages(6);
        TestImages.writeBytes(dir.resolve("notes.txt"), "not an image".getBytes());
        TestImages.writeBytes(dir.resolve("b/labels.csv"), "id,label".getBytes());
        TestImages.writeBytes(dir.resolve("b/broken.JPG"), new byte[0]);

        SnapshotBuild result = build(SnapshotOptions.defaults().withThreads(2));
        ReferenceSnapshot s = result.snapshot();

        assertEquals(6, s.imagesRead());
        assertEquals(6, s.samples().size());
        assertEquals(2, result.otherFiles());
        assertEquals(7, result.imageFiles());
        assertEquals(7, result.imagesTried());
        assertEquals(List.of("b/broken.JPG empty", "b/labels.csv unknown_format", "notes.txt unknown_format"),
                s.skipped().stream().map(k -> k.id() + " " + k.reason()).toList());
        assertTrue(s.skipped().get(0).message().contains("broken.JPG"));
        assertEquals(PropertySet.defaults().names(), s.propertyNames());
        assertEquals("2025-03-01T10:00:00Z", s.createdAt());
        assertEquals(dir.toAbsolutePath().normalize().toString(), s.source());
        assertEquals(10_000, s.sampleLimit());
        assertEquals(42L, s.sampleSeed());
        List<String> ids = s.samples().stream().map(SnapshotRow::id).toList();
        assertEquals(List.of("a/img000.png", "a/img003.png", "b/deep/img001.png", "b/deep/img004.png",
                "img002.png", "img005.png"), ids, "ids are '/'-separated relative paths, sorted");
    }

    @Test
    void rowsHoldTheImagesProperties() throws Exception {
        TestImages.write(TestImages.solid(20, 10, BufferedImage.TYPE_3BYTE_BGR, new Color(0, 0, 255)), "png",
                dir.resolve("blue.png"));
        SnapshotRow row = build(SnapshotOptions.defaults()).snapshot().samples().get(0);
        assertEquals("blue.png", row.id());
        assertEquals(0.5, row.values()[0], 1e-12);
        assertEquals(200, row.values()[1], 1e-12);
        assertEquals(0.0721 * 255, row.values()[2], 1e-9);
        assertEquals(1.0, row.values()[6], 1e-12);
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() throws Exception {
        writeImages(40);
        TestImages.writeHostileFiles(dir);
        SnapshotOptions options = SnapshotOptions.defaults().withMaxSamples(15).withSeed(7);
        ReferenceSnapshot one = build(options.withThreads(1)).snapshot();
        ReferenceSnapshot two = build(options.withThreads(2)).snapshot();
        ReferenceSnapshot eight = build(options.withThreads(8)).snapshot();
        for (ReferenceSnapshot other : List.of(two, eight)) {
            assertEquals(one.contentVersion(), other.contentVersion());
            assertEquals(one.skipped(), other.skipped());
            assertEquals(one.imagesRead(), other.imagesRead());
            assertEquals(ids(one), ids(other));
            for (int i = 0; i < one.samples().size(); i++) {
                assertArrayEquals(one.samples().get(i).values(), other.samples().get(i).values());
            }
        }
    }

    @Test
    void sampleIsBoundedAndSeeded() throws Exception {
        writeImages(40);
        SnapshotOptions options = SnapshotOptions.defaults().withMaxSamples(10);
        ReferenceSnapshot seed42 = build(options).snapshot();
        ReferenceSnapshot seed42Again = build(options).snapshot();
        ReferenceSnapshot seed43 = build(options.withSeed(43)).snapshot();

        assertEquals(40, seed42.imagesRead(), "every image is read, only the sample is bounded");
        assertEquals(10, seed42.samples().size());
        assertEquals(10, seed42.sampleLimit());
        assertEquals(ids(seed42), ids(seed42Again));
        assertNotEquals(ids(seed42), ids(seed43));
        assertEquals(ids(seed42).stream().sorted().toList(), ids(seed42), "rows come sorted by id");
    }

    @Test
    void hostileFolderCompletesWithEveryBadFileListed() throws Exception {
        writeImages(3);
        TestImages.writeHostileFiles(dir);
        ReferenceSnapshot s = build(SnapshotOptions.defaults().withThreads(2)).snapshot();

        assertEquals(3, s.imagesRead());
        Map<String, String> reasons = s.skipped().stream()
                .collect(Collectors.toMap(SkippedImage::id, SkippedImage::reason));
        assertEquals(Map.of("hostile/empty.jpg", "empty", "hostile/truncated.jpg", "undecodable",
                "hostile/text.png", "unknown_format", "hostile/huge.png", "too_large"), reasons);
        assertEquals(List.of("hostile/empty.jpg", "hostile/huge.png", "hostile/text.png", "hostile/truncated.jpg"),
                s.skipped().stream().map(SkippedImage::id).toList(), "skips sorted by id");
    }

    @Test
    void unexpectedLoaderFailuresAreSkippedNotFatal() throws Exception {
        writeImages(4);
        ImageLoader flaky = file -> {
            if (file.getFileName().toString().equals("img002.png")) {
                throw new IllegalStateException("boom in a custom decoder");
            }
            return ImageLoaders.standard().load(file);
        };
        ReferenceSnapshot s = new SnapshotBuilder(PropertySet.defaults(), flaky, SnapshotOptions.defaults(), FIXED)
                .build(dir).snapshot();
        assertEquals(3, s.imagesRead());
        assertEquals(1, s.skipped().size());
        assertEquals("internal_error", s.skipped().get(0).reason());
        assertTrue(s.skipped().get(0).message().contains("boom in a custom decoder"));
    }

    @Test
    void emptyFolderGivesAnEmptySnapshot() throws Exception {
        SnapshotBuild result = build(SnapshotOptions.defaults());
        assertEquals(0, result.snapshot().imagesRead());
        assertTrue(result.snapshot().samples().isEmpty());
        assertEquals(0, result.imageFiles());
    }

    @Test
    void refusesAFileInsteadOfADirectory() {
        Path file = TestImages.writeBytes(dir.resolve("x.png"), new byte[] {1});
        SnapshotBuilder builder = new SnapshotBuilder(PropertySet.defaults(), ImageLoaders.standard(),
                SnapshotOptions.defaults());
        NotDirectoryException e = assertThrows(NotDirectoryException.class, () -> builder.build(file));
        assertTrue(e.getMessage().contains("x.png"));
    }

    @Test
    void progressBarDoesNotChangeTheResult() throws Exception {
        writeImages(5);
        ReferenceSnapshot quiet = build(SnapshotOptions.defaults()).snapshot();
        ReferenceSnapshot shown = build(SnapshotOptions.defaults().withProgress(true)).snapshot();
        assertEquals(quiet.contentVersion(), shown.contentVersion());
    }

    @Test
    void customPropertiesBecomeColumns() throws Exception {
        writeImages(2);
        dev.imagedrift.properties.ImageProperty width = new dev.imagedrift.properties.ImageProperty() {
            @Override public String name() { return "Width"; }
            @Override public double compute(DecodedImage image) { return image.width(); }
        };
        ReferenceSnapshot s = new SnapshotBuilder(PropertySet.withExtras(List.of(width)), ImageLoaders.standard(),
                SnapshotOptions.defaults(), FIXED).build(dir).snapshot();
        assertEquals(8, s.propertyNames().size());
        assertEquals("Width", s.propertyNames().get(7));
        assertEquals(8.0, s.samples().get(0).values()[7], 1e-12);
    }

    @Test
    void sampleFirstKeepsTheSameSampleAndDecodesOnlyWhatItNeeds() throws Exception {
        writeImages(40);
        TestImages.writeHostileFiles(dir);
        SnapshotOptions options = SnapshotOptions.defaults().withMaxSamples(10).withSeed(5);
        ReferenceSnapshot full = build(options).snapshot();

        for (int threads : new int[] {1, 2, 3}) {
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            ImageLoader counting = file -> {
                calls.incrementAndGet();
                return ImageLoaders.standard().load(file);
            };
            SnapshotBuild lazy = new SnapshotBuilder(PropertySet.defaults(), counting,
                    options.withThreads(threads).withSampleFirst(true), FIXED).build(dir);
            ReferenceSnapshot s = lazy.snapshot();

            assertEquals(full.contentVersion(), s.contentVersion(), "same rows as the full scan with " + threads + " threads");
            assertEquals(10, s.imagesRead());
            assertEquals(44, lazy.imageFiles());
            assertTrue(calls.get() <= 10 + 4, "decoded " + calls.get() + " files for a sample of 10");
            assertEquals(calls.get(), lazy.imagesTried());
            assertTrue(s.skipped().stream().allMatch(k -> k.id().startsWith("hostile/")), s.skipped().toString());
        }
    }

    @Test
    void sampleFirstOnASmallFolderIsAFullScan() throws Exception {
        writeImages(6);
        TestImages.writeHostileFiles(dir);
        SnapshotOptions options = SnapshotOptions.defaults().withThreads(2);
        ReferenceSnapshot full = build(options).snapshot();
        ReferenceSnapshot lazy = build(options.withSampleFirst(true)).snapshot();
        assertEquals(full.contentVersion(), lazy.contentVersion());
        assertEquals(full.skipped(), lazy.skipped());
        assertEquals(full.imagesRead(), lazy.imagesRead());
    }

    private static List<String> ids(ReferenceSnapshot s) {
        return s.samples().stream().map(SnapshotRow::id).toList();
    }
}
