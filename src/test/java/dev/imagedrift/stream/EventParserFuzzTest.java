package dev.imagedrift.stream;

import dev.imagedrift.fuzz.FuzzRun;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzing the event parser: whatever the bytes, it returns an event or throws {@link RejectedEvent}
 * (the documented error: a dead letter with a reason), never anything else, and what it allocates
 * is bounded by a small multiple of the input. Inputs: random bytes, JSON built from hostile
 * pieces (deep nesting, huge numbers, control and bidi characters, wrong types), and valid events
 * cut or with bytes flipped. Seeded ({@link FuzzRun}); {@code -Dimagedrift.fuzz.tries=N} runs longer.
 */
class EventParserFuzzTest {
    private static final int TRIES = FuzzRun.tries(400);
    private static final long SEED = FuzzRun.seed(11);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final String TEXT_CHARS = "\u0000\n\r\"\\\u202E\u200B\u2028\uD800aZ9-_:/@ .é";
    private static final List<byte[]> VALID = List.of(
            bytes("{\"id\":\"frame-1\",\"stream\":\"cam-7\",\"timestamp\":\"2026-11-28T14:05:00Z\",\"image\":\"iVBORw0KGgo=\"}"),
            bytes("{\"id\":\"f\",\"stream\":\"c\",\"timestamp\":1795874701000,\"properties\":{\"aspect_ratio\":0.75,"
                    + "\"area\":307200,\"brightness\":112.4,\"rms_contrast\":51.9,\"mean_red_relative_intensity\":null,"
                    + "\"mean_green_relative_intensity\":null,\"mean_blue_relative_intensity\":null}}"),
            bytes("{\"id\":\"p\",\"pixels\":{\"width\":2,\"height\":2,\"channels\":3,\"data\":\"AAAAAAAAAAAAAAAA\"}}"));

    private final EventParser parser = new EventParser(64 * 1024);

    @Test
    void randomBytes() {
        FuzzRun.run(TRIES, SEED, (t, random) -> parsesOrRejects(FuzzRun.bytes(random, 2_000)));
    }

    @Test
    void hostileJson() {
        FuzzRun.run(TRIES, SEED + 1, (t, random) -> parsesOrRejects(bytes(json(random))));
    }

    @Test
    void mutatedValidEvents() {
        FuzzRun.run(TRIES, SEED + 2, (t, random) -> parsesOrRejects(mutated(random)));
    }

    private void parsesOrRejects(byte[] value) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            ImageEvent e = parser.parse("cam".getBytes(StandardCharsets.UTF_8), value, null, 1_795_874_400_000L,
                    "t/0@1");
            assertTrue(e.id() != null && e.stream() != null);
        } catch (RejectedEvent expected) {
            assertTrue(expected.reason() != null && expected.getMessage() != null);
            assertTrue(expected.getMessage().length() < 10_000, "messages stay short");
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64L * value.length + (8 << 20), "allocated " + allocated + " for " + value.length + " bytes");
    }

    /** A JSON object (or array) of up to 8 fields, each a known key with a hostile value, or hostile pixels. */
    private static String json(SplittableRandom random) {
        List<String> fields = new ArrayList<>();
        int n = random.nextInt(9);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) {
                fields.add("\"pixels\":{\"width\":" + random.nextInt(-2, 70_001) + ",\"height\":"
                        + random.nextInt(-2, 70_001) + ",\"channels\":" + random.nextInt(-1, 6) + ",\"data\":\"AAAAAAAA\"}");
            } else {
                fields.add("\"" + FuzzRun.oneOf(random, "id", "stream", "timestamp", "image", "pixels", "properties",
                        "width", "height", "channels", "data", "brightness", "x") + "\":" + scalar(random));
            }
        }
        String open = FuzzRun.oneOf(random, "{", "[", " {");
        return open + String.join(",", fields) + (open.contains("{") ? "}" : "]");
    }

    private static String scalar(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> "\"" + text(random).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case 1 -> Long.toString(random.nextLong());
            case 2 -> FuzzRun.oneOf(random, "1e99999", "-0", "NaN", "true", "null", "[]", "{}", "9".repeat(2000),
                    "\"AAAA\"", "\"iVBORw0KGgo=\"", "\"not base64!!\"", "[".repeat(5000));
            default -> {
                int depth = random.nextInt(1, 301);
                yield "[".repeat(depth) + "]".repeat(depth);
            }
        };
    }

    private static String text(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(41);
        for (int i = 0; i < n; i++) s.append(TEXT_CHARS.charAt(random.nextInt(TEXT_CHARS.length())));
        return s.toString();
    }

    /** A valid event cut, with a byte replaced, with a byte made invalid UTF-8, or with a byte inserted. */
    private static byte[] mutated(SplittableRandom random) {
        byte[] out = VALID.get(random.nextInt(VALID.size())).clone();
        int i = Math.min(random.nextInt(401), out.length - 1);
        byte b = (byte) random.nextInt(256);
        return switch (random.nextInt(4)) {
            case 0 -> Arrays.copyOf(out, i);
            case 1 -> {
                out[i] = b;
                yield out;
            }
            case 2 -> {
                out[i] = (byte) (out[i] ^ 0x80);
                yield out;
            }
            default -> concat(Arrays.copyOf(out, i), new byte[] {b}, Arrays.copyOfRange(out, i, out.length));
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
