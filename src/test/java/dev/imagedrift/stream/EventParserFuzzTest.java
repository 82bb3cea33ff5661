package dev.imagedrift.stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzing the event parser: whatever the bytes, it returns an event or throws {@link RejectedEvent}
 * (the documented error: a dead letter with a reason), never anything else, and what it allocates
 * is bounded by a small multiple of the input. Inputs: random bytes, JSON built from hostile
 * pieces (deep nesting, huge numbers, control and bidi characters, wrong types), and valid events
 * cut or with bytes flipped. {@code -Djqwik.tries.default=N} runs longer (SECURITY.md).
 */
class EventParserFuzzTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final EventParser parser = new EventParser(64 * 1024);

    @Property
    void randomBytes(@ForAll byte[] value) {
        parsesOrRejects(value);
    }

    @Property
    void hostileJson(@ForAll("json") String value) {
        parsesOrRejects(value.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void mutatedValidEvents(@ForAll("mutated") byte[] value) {
        parsesOrRejects(value);
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

    @Provide
    Arbitrary<String> json() {
        Arbitrary<String> text = Arbitraries.strings().withChars("\u0000\n\r\"\\\u202E\u200B\u2028\uD800aZ9-_:/@ .é")
                .ofMaxLength(40);
        Arbitrary<String> scalar = Arbitraries.oneOf(
                text.map(t -> "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.longs().map(Object::toString),
                Arbitraries.of("1e99999", "-0", "NaN", "true", "null", "[]", "{}", "9".repeat(2000),
                        "\"AAAA\"", "\"iVBORw0KGgo=\"", "\"not base64!!\"", "[".repeat(5000)),
                Arbitraries.integers().between(1, 300).map(n -> "[".repeat(n) + "]".repeat(n)));
        Arbitrary<String> field = Combinators.combine(
                Arbitraries.of("id", "stream", "timestamp", "image", "pixels", "properties", "width", "height",
                        "channels", "data", "brightness", "x"), scalar).as((k, v) -> "\"" + k + "\":" + v);
        Arbitrary<String> pixels = Combinators.combine(Arbitraries.integers().between(-2, 70_000),
                Arbitraries.integers().between(-2, 70_000), Arbitraries.integers().between(-1, 5))
                .as((w, h, c) -> "\"pixels\":{\"width\":" + w + ",\"height\":" + h + ",\"channels\":" + c
                        + ",\"data\":\"AAAAAAAA\"}");
        return Combinators.combine(Arbitraries.oneOf(field, pixels).list().ofMaxSize(8), Arbitraries.of("{", "[", " {"))
                .as((fields, open) -> open + String.join(",", fields) + (open.contains("{") ? "}" : "]"));
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        List<byte[]> valid = List.of(
                bytes("{\"id\":\"frame-1\",\"stream\":\"cam-7\",\"timestamp\":\"2026-11-28T14:05:00Z\",\"image\":\"iVBORw0KGgo=\"}"),
                bytes("{\"id\":\"f\",\"stream\":\"c\",\"timestamp\":1795874701000,\"properties\":{\"aspect_ratio\":0.75,"
                        + "\"area\":307200,\"brightness\":112.4,\"rms_contrast\":51.9,\"mean_red_relative_intensity\":null,"
                        + "\"mean_green_relative_intensity\":null,\"mean_blue_relative_intensity\":null}}"),
                bytes("{\"id\":\"p\",\"pixels\":{\"width\":2,\"height\":2,\"channels\":3,\"data\":\"AAAAAAAAAAAAAAAA\"}}"));
        return Combinators.combine(Arbitraries.of(valid), Arbitraries.integers().between(0, 400),
                Arbitraries.bytes(), Arbitraries.integers().between(0, 3)).as((v, at, b, op) -> {
            byte[] out = v.clone();
            int i = Math.min(at, out.length - 1);
            return switch (op) {
                case 0 -> java.util.Arrays.copyOf(out, i); // cut
                case 1 -> { out[i] = b; yield out; } // flipped
                case 2 -> { out[i] = (byte) (out[i] ^ 0x80); yield out; } // invalid UTF-8
                default -> concat(java.util.Arrays.copyOf(out, i), new byte[] {b}, java.util.Arrays.copyOfRange(out, i, out.length));
            };
        });
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
