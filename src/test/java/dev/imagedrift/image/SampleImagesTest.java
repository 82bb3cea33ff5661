package dev.imagedrift.image;

import dev.imagedrift.properties.PropertySet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed sample images are what samples/LICENSE.md says they are. */
class SampleImagesTest {
    private final ImageDecoder decoder = ImageDecoder.withDefaults();

    private static List<String> names(String folder) {
        return TestImages.sampleFiles(folder).stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void foldersHoldTheDocumentedCounts() {
        assertEquals(300, names("reference").size());
        assertEquals(300, names("current").size());
        assertEquals(names("current"), names("current-brightened"));
        assertEquals(20, names("bench640").size());
    }

    @Test
    void cropsAreSmallColourPhotosOfVaryingShape() throws ImageRejected {
        Set<Double> aspectRatios = new HashSet<>();
        for (String folder : List.of("reference", "current")) {
            for (Path file : TestImages.sampleFiles(folder)) {
                DecodedImage image = decoder.decode(file);
                assertFalse(image.isGray(), file.toString());
                assertTrue(image.width() >= 64 && image.width() <= 160, file + " width " + image.width());
                assertTrue(image.height() >= 48 && image.height() <= 160, file + " height " + image.height());
                aspectRatios.add((double) image.height() / image.width());
            }
        }
        assertTrue(aspectRatios.size() > 300, "aspect ratios vary: " + aspectRatios.size() + " distinct");
    }

    @Test
    void benchImagesAre640By480() throws ImageRejected {
        for (Path file : TestImages.sampleFiles("bench640")) {
            DecodedImage image = decoder.decode(file);
            assertEquals(List.of(640, 480, 3), List.of(image.width(), image.height(), image.pixelStride()), file.toString());
        }
    }

    /**
     * Each brightened file is its current file with the library's brightenLikeSeed applied, up to
     * the JPEG re-encoding: the generator script repeats the formula, this keeps the two in step.
     */
    @Test
    void brightenedFilesMatchTheLibrarysShift() throws ImageRejected {
        PropertySet properties = PropertySet.defaults();
        for (String name : names("current")) {
            DecodedImage current = decoder.decode(TestImages.SAMPLES.resolve("current").resolve(name));
            DecodedImage brightened = decoder.decode(TestImages.SAMPLES.resolve("current-brightened").resolve(name));
            DecodedImage expected = BufferedImagePixels.view(
                    ImageShifts.brightenLikeSeed(ImageCodec.toBufferedImage(current)), name);
            double[] actual = properties.compute(brightened);
            double[] wanted = properties.compute(expected);
            assertEquals(wanted[2], actual[2], 1.0, name + " brightness");
            assertEquals(wanted[3], actual[3], 1.5, name + " contrast");
            assertTrue(actual[2] > properties.compute(current)[2], name + " is brighter");
        }
    }

    @Test
    void manifestListsEveryFileAndTheWholeSetStaysSmall() throws IOException {
        List<String> manifest = Files.readAllLines(TestImages.SAMPLES.resolve("MANIFEST.csv"));
        assertEquals("file,package,source,x,y,width,height,out_width,out_height", manifest.get(0));
        Set<String> listed = new HashSet<>();
        manifest.subList(1, manifest.size()).forEach(line -> listed.add(line.substring(0, line.indexOf(','))));
        for (String folder : List.of("reference", "current", "current-brightened", "bench640")) {
            for (String name : names(folder)) {
                assertTrue(listed.contains(folder + "/" + name), folder + "/" + name + " missing from MANIFEST.csv");
            }
        }
        assertEquals(920, listed.size());
        long bytes;
        try (Stream<Path> all = Files.walk(TestImages.SAMPLES)) {
            bytes = all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes < 8_000_000, "samples/ holds " + bytes + " bytes");
    }
}
