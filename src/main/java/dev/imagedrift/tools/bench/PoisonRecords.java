package dev.imagedrift.tools.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The hostile records a poisoned backlog mixes in, one kind after the other: cut JSON, an image
 * that is not one (a JPEG start marker, then noise), and a 100-byte PNG that declares 60,000 x
 * 60,000 pixels. Each must cost the monitor little and end in the dead-letter topic with its own
 * reason; what the benchmark measures is what they cost the good records around them.
 */
final class PoisonRecords {
    /** The kinds, in the order they are mixed in, with the dead-letter reason each must get. */
    enum Kind {
        CUT_JSON("bad_json"), NOT_AN_IMAGE("undecodable"), HUGE_DECLARED_IMAGE("too_large");

        final String reason;

        Kind(String reason) {
            this.reason = reason;
        }
    }

    private PoisonRecords() {}

    /** The {@code n}-th poison record's kind (round robin). */
    static Kind kind(long n) {
        return Kind.values()[(int) (n % Kind.values().length)];
    }

    static byte[] value(Kind kind, long n) {
        return switch (kind) {
            case CUT_JSON -> ("{\"id\": \"p" + n + "\", \"stream\": \"stream-0\", \"timestamp\": 17").getBytes(StandardCharsets.UTF_8);
            case NOT_AN_IMAGE -> notAnImage(n);
            case HUGE_DECLARED_IMAGE -> hugeDeclaredPng();
        };
    }

    /** How many of each reason {@code poison} records produce. */
    static Map<String, Long> expectedReasons(long poison) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (long n = 0; n < poison; n++) {
            out.merge(kind(n).reason, 1L, Long::sum);
        }
        return out;
    }

    private static byte[] notAnImage(long seed) {
        byte[] b = new byte[2_048];
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < b.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b[i] = (byte) x;
        }
        b[0] = (byte) 0xFF; // SOI, then a segment marker: read as a JPEG, which it is not
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        b[3] = (byte) 0xDB;
        return b;
    }

    private static byte[] hugeDeclaredPng() {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(60_000).putInt(60_000)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 64);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return Arrays.copyOf(png.array(), png.capacity()); // 64 bytes of nothing where the data would be
    }
}
