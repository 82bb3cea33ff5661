package dev.imagedrift.reference;

import java.nio.file.Path;

/**
 * Recognises the files people give by mistake where a snapshot is expected (an image, a tar or zip of
 * images), so the error says what to do instead of quoting a JSON parser.
 */
final class NotASnapshot {
    private NotASnapshot() {}

    /** @throws InvalidSnapshotException when {@code content} (decompressed) cannot be snapshot JSON */
    static void check(Path file, byte[] content) throws InvalidSnapshotException {
        String kind = kindOf(content);
        if (kind != null) {
            throw new InvalidSnapshotException(file, "this is " + kind + ", not a snapshot. Give the directory "
                    + "that holds the images, or build a snapshot first: snapshot --images DIR --out FILE");
        }
        int first = firstNonBlank(content);
        if (first >= 0 && content[first] != '{') {
            throw new InvalidSnapshotException(file, "not a snapshot: a snapshot is JSON (optionally gzip) written "
                    + "by the snapshot command, and this file does not start with '{'");
        }
    }

    private static String kindOf(byte[] b) {
        if (starts(b, 0xFF, 0xD8, 0xFF)) return "a JPEG image";
        if (starts(b, 0x89, 'P', 'N', 'G')) return "a PNG image";
        if (starts(b, 'G', 'I', 'F', '8')) return "a GIF image";
        if (starts(b, 'B', 'M')) return "a BMP image";
        if (starts(b, 'I', 'I', 0x2A, 0x00) || starts(b, 'M', 'M', 0x00, 0x2A)) return "a TIFF image";
        if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') return "a WebP image";
        if (starts(b, 'P', 'K', 0x03, 0x04)) return "a zip archive";
        if (b.length > 262 && b[257] == 'u' && b[258] == 's' && b[259] == 't' && b[260] == 'a' && b[261] == 'r') {
            return "a tar archive";
        }
        return null;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) return false;
        }
        return true;
    }

    private static int firstNonBlank(byte[] b) {
        int start = starts(b, 0xEF, 0xBB, 0xBF) ? 3 : 0; // a UTF-8 byte order mark
        for (int i = start; i < b.length; i++) {
            if (!Character.isWhitespace(b[i])) return i;
        }
        return -1;
    }
}
