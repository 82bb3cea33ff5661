package dev.imagedrift.reference;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Fuzzing the snapshot reader: a damaged, truncated, hostile or random file is either read or
 * refused with an {@link IOException} (its documented error, naming the file), never anything else.
 */
class SnapshotReaderFuzzTest {
    private static Path dir;
    private static byte[] valid;

    @BeforeContainer
    static void writeAValidSnapshot() throws IOException {
        dir = Files.createTempDirectory("snapshot-fuzz-");
        Path file = dir.resolve("valid.json");
        SnapshotIO.write(new dev.imagedrift.tools.bench.SyntheticProperties(3).reference(20), file);
        valid = Files.readAllBytes(file);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }

    @Property
    void randomFiles(@ForAll byte[] content, @ForAll boolean gzip) throws IOException {
        readsOrRefuses(gzip ? gzip(content) : content);
    }

    @Property
    void damagedSnapshots(@ForAll("damaged") byte[] content, @ForAll boolean gzip) throws IOException {
        readsOrRefuses(gzip ? gzip(content) : content);
    }

    private void readsOrRefuses(byte[] content) throws IOException {
        Path file = dir.resolve("fuzz.json");
        Files.write(file, content);
        try {
            SnapshotIO.read(file);
        } catch (IOException refused) {
            if (refused.getMessage() == null) {
                throw new AssertionError("a refusal without a message", refused);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> damaged() {
        Arbitrary<String> replacement = Arbitraries.of("null", "-1", "1e999", "\"x\"", "[]", "{}", "NaN", "99999999999",
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "\"\\u0000\"");
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), replacement,
                Arbitraries.integers().between(0, 3), Arbitraries.bytes()).as((at, r, op, b) -> {
            String text = new String(valid, java.nio.charset.StandardCharsets.UTF_8);
            int i = at % text.length();
            return switch (op) {
                case 0 -> text.substring(0, i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                case 1 -> (text.substring(0, i) + r + text.substring(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                case 2 -> {
                    byte[] out = valid.clone();
                    out[i] = b;
                    yield out;
                }
                default -> {
                    // Replace the value after a key with a hostile one.
                    int colon = text.indexOf(':', i);
                    int end = colon < 0 ? -1 : Math.max(text.indexOf(',', colon), text.indexOf('}', colon));
                    yield colon < 0 || end < 0 ? valid.clone()
                            : (text.substring(0, colon + 1) + r + text.substring(end)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
            };
        });
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(content);
        }
        return out.toByteArray();
    }
}
