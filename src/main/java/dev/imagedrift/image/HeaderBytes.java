package dev.imagedrift.image;

/**
 * Bounds-checked reads of an encoded image's header fields, in either byte order. Every read past
 * the end is a {@link HeaderProblem} (undecodable, truncated), never an exception of the JDK.
 */
final class HeaderBytes {
    private final byte[] bytes;
    private final boolean littleEndian;

    HeaderBytes(byte[] bytes, boolean littleEndian) {
        this.bytes = bytes;
        this.littleEndian = littleEndian;
    }

    int length() {
        return bytes.length;
    }

    byte[] array() {
        return bytes;
    }

    /** Whether {@code count} bytes from {@code offset} lie inside the input. */
    boolean holds(long offset, long count) {
        return offset >= 0 && count >= 0 && offset <= bytes.length && count <= bytes.length - offset;
    }

    void require(long offset, long count, String what) {
        if (!holds(offset, count)) {
            throw HeaderProblem.undecodable(what + " at offset " + offset + " (" + count
                    + " bytes) lies outside the " + bytes.length + "-byte input");
        }
    }

    int u8(long at) {
        require(at, 1, "header field");
        return bytes[(int) at] & 0xFF;
    }

    int u16(long at) {
        require(at, 2, "header field");
        int a = bytes[(int) at] & 0xFF;
        int b = bytes[(int) at + 1] & 0xFF;
        return littleEndian ? a | b << 8 : a << 8 | b;
    }

    long u32(long at) {
        require(at, 4, "header field");
        long a = u16(at);
        long b = u16(at + 2);
        return littleEndian ? a | b << 16 : a << 16 | b;
    }

    /** A 24-bit little- or big-endian field. */
    int u24(long at) {
        require(at, 3, "header field");
        int a = bytes[(int) at] & 0xFF;
        int b = bytes[(int) at + 1] & 0xFF;
        int c = bytes[(int) at + 2] & 0xFF;
        return littleEndian ? a | b << 8 | c << 16 : a << 16 | b << 8 | c;
    }

    /** Whether the four bytes at {@code at} spell {@code fourCc} (ASCII). */
    boolean tagAt(long at, String fourCc) {
        if (!holds(at, fourCc.length())) {
            return false;
        }
        for (int i = 0; i < fourCc.length(); i++) {
            if (bytes[(int) at + i] != fourCc.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    String fourCc(long at) {
        require(at, 4, "chunk type");
        StringBuilder s = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int c = bytes[(int) at + i] & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return s.toString();
    }
}
