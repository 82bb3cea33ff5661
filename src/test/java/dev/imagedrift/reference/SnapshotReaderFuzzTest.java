package dev.imagedrift.reference;

import dev.imagedrift.fuzz.FuzzRun;
import dev.imagedrift.tools.bench.SyntheticProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Fuzzing the snapshot reader: a damaged, truncated, hostile or random file is either read or
 * refused with an {@link IOException} (its documented error, naming the file), never anything else.
 * Seeded ({@link FuzzRun}); {@code -Dimagedrift.fuzz.tries=N} runs longer.
 */
class SnapshotReaderFuzzTest {
    private static final int TRIES = FuzzRun.tries(200);
    private static final long SEED = FuzzRun.seed(13);
    private static final String[] HOSTILE = {"null", "-1", "1e999", "\"x\"", "[]", "{}", "NaN", "99999999999",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "\"\\u0000\""};

    @TempDir
    static Path dir;
    private static byte[] valid;

    @BeforeAll
    static void writeAValidSnapshot() throws IOException {
        Path file = dir.resolve("valid.json");
        SnapshotIO.write(new SyntheticProperties(3).reference(20), file);
        valid = Files.readAllBytes(file);
    }

    @Test
    void randomFiles() {
        FuzzRun.run(TRIES, SEED, (t, random) -> readsOrRefuses(maybeGzip(random, FuzzRun.bytes(random, 4_000))));
    }

    @Test
    void damagedSnapshots() {
        FuzzRun.run(TRIES, SEED + 1, (t, random) -> readsOrRefuses(maybeGzip(random, damaged(random))));
    }

    private static void readsOrRefuses(byte[] content) {
        try {
            Path file = dir.resolve("fuzz.json");
            Files.write(file, content);
            try {
                SnapshotIO.read(file);
            } catch (IOException refused) {
                if (refused.getMessage() == null) {
                    throw new AssertionError("a refusal without a message", refused);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The valid snapshot cut, with a hostile value inserted or put after a key, or with a byte replaced. */
    private static byte[] damaged(SplittableRandom random) {
        String text = new String(valid, StandardCharsets.UTF_8);
        int i = random.nextInt(text.length());
        String hostile = FuzzRun.oneOf(random, HOSTILE);
        return switch (random.nextInt(4)) {
            case 0 -> text.substring(0, i).getBytes(StandardCharsets.UTF_8);
            case 1 -> (text.substring(0, i) + hostile + text.substring(i)).getBytes(StandardCharsets.UTF_8);
            case 2 -> {
                byte[] out = valid.clone();
                out[i] = (byte) random.nextInt(256);
                yield out;
            }
            default -> {
                int colon = text.indexOf(':', i);
                int end = colon < 0 ? -1 : Math.max(text.indexOf(',', colon), text.indexOf('}', colon));
                yield colon < 0 || end < 0 ? valid.clone()
                        : (text.substring(0, colon + 1) + hostile + text.substring(end)).getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private static byte[] maybeGzip(SplittableRandom random, byte[] content) {
        if (random.nextBoolean()) return content;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
