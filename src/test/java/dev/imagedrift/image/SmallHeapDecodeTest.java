package dev.imagedrift.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder in a JVM of its own with a 128 MiB heap (a quarter of it, 32 MiB, is the default
 * decode budget): every hostile file is refused or defused without the heap running out; images
 * the budget admits decode; and with the budget switched off, an image larger than the heap ends
 * as that image's {@code too_large} (an OutOfMemoryError caught) while the next image decodes.
 */
class SmallHeapDecodeTest {
    private static final String HEAP = "-Xmx128m";

    private static Map<String, String> run(String mode, List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SmallHeapDecodeMain.class.getName(), mode));
        files.forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "decoder JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                outcomes.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return outcomes;
    }

    private static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void hostileFilesAndBudgetedImagesUnderA128MiBHeap(@TempDir Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        List<HostileImages.Hostile> hostile = HostileImages.all();
        for (int i = 0; i < hostile.size(); i++) {
            files.add(write(dir, "hostile-" + i, hostile.get(i).bytes()));
        }
        // 3000x3000 8-bit RGB: 27 MB raster, within the 32 MiB budget: must decode.
        files.add(write(dir, "admitted.png", BigPngs.zeros(3000, 3000, 8, 2)));
        // 2000x2000 16-bit RGBA: 32 MB raster + 12 MB 8-bit copy: over the budget.
        files.add(write(dir, "over-budget.png", BigPngs.zeros(2000, 2000, 16, 6)));
        Map<String, String> out = run("default", files);

        long budget = Long.parseLong(out.get("budget"));
        assertTrue(budget > 24L << 20 && budget <= 32L << 20, "a quarter of a 128 MiB heap: " + budget);
        for (int i = 0; i < hostile.size(); i++) {
            HostileImages.Hostile h = hostile.get(i);
            String outcome = out.get("hostile-" + i);
            String expected = h.expected() == null ? "ok" : "rejected " + h.expected().code();
            assertTrue(outcome != null && outcome.startsWith(expected), h + ": " + outcome);
            assertTrue(!outcome.contains("ran out of memory"), h + " reached the heap's end: " + outcome);
        }
        assertEquals("ok 3000x3000", out.get("admitted.png"));
        assertTrue(out.get("over-budget.png").startsWith("rejected too_large"), out.get("over-budget.png"));
        assertTrue(out.get("over-budget.png").contains("decode budget"), out.get("over-budget.png"));
    }

    @Test
    void withoutABudgetAnImageLargerThanTheHeapIsItsOwnTooLargeAndTheNextOneDecodes(@TempDir Path dir)
            throws Exception {
        // 7000x7000 16-bit RGBA: 392 MB of raster in a 128 MiB heap.
        Path huge = write(dir, "huge.png", HostileImages.png16BitRgba(7000, 7000));
        Path next = write(dir, "next.png", BigPngs.zeros(100, 100, 8, 2));
        Map<String, String> out = run("unbudgeted", List.of(huge, next));
        assertTrue(out.get("huge.png").startsWith("rejected too_large"), out.get("huge.png"));
        assertTrue(out.get("huge.png").contains("ran out of memory"), out.get("huge.png"));
        assertEquals("ok 100x100", out.get("next.png"));
    }

    /** Valid PNGs of all-zero pixels, deflated fast: large rasters from small files. */
    static final class BigPngs {
        private BigPngs() {}

        static byte[] zeros(int width, int height, int depth, int colorType) {
            int channels = switch (colorType) {
                case 0, 3 -> 1;
                case 2 -> 3;
                case 4 -> 2;
                default -> 4;
            };
            long raw = (long) height * (1 + (long) width * channels * depth / 8);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            out.writeBytes(chunk("IHDR", java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                    .put((byte) depth).put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) 0).array()));
            out.writeBytes(chunk("IDAT", HostileImages.deflatedZeros(raw)));
            out.writeBytes(chunk("IEND", new byte[0]));
            return out.toByteArray();
        }

        private static byte[] chunk(String type, byte[] data) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            byte[] t = type.getBytes(StandardCharsets.US_ASCII);
            crc.update(t);
            crc.update(data);
            return java.nio.ByteBuffer.allocate(12 + data.length).putInt(data.length).put(t).put(data)
                    .putInt((int) crc.getValue()).array();
        }
    }
}
