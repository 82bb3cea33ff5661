package dev.imagedrift.image;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The encoded formats the decoder may read: an allow-list. A format is recognised only by its own
 * signature (magic bytes), never by a reader's content sniffing, and is decoded only when it is on
 * the allow-list of the {@link DecodeLimits} in force: a TIFF named {@code .png} is a TIFF, decoded
 * under TIFF's checks when TIFF is allowed and refused as {@code unknown_format} otherwise.
 */
public enum ImageFormat {
    JPEG, PNG, BMP, GIF, WEBP, TIFF;

    /** Every format the decoder supports: the default allow-list. */
    public static Set<ImageFormat> all() {
        return EnumSet.allOf(ImageFormat.class);
    }

    /** Lower-case name, as used in configuration and messages. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code id} (case-insensitive), e.g. {@code "webp"}. */
    public static ImageFormat of(String id) {
        for (ImageFormat f : values()) {
            if (f.id().equalsIgnoreCase(id.trim()) || (f == JPEG && "jpg".equalsIgnoreCase(id.trim()))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown image format '" + id + "'; known: jpeg, png, bmp, gif, webp, tiff");
    }

    /**
     * The format whose signature starts {@code bytes}, or null. Signatures: JPEG FF D8 FF; PNG's
     * 8-byte signature; "BM" with a plausible header size; "GIF87a"/"GIF89a"; "RIFF" .... "WEBP";
     * TIFF "II*\0" or "MM\0*" (BigTIFF, "II+\0", is not recognised: images here are far below 4 GB).
     */
    static ImageFormat sniff(byte[] b) {
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(b, 'G', 'I', 'F', '8') && b.length >= 6 && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return GIF;
        }
        if (startsWith(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return WEBP;
        }
        if (startsWith(b, 'I', 'I', 0x2A, 0x00) || startsWith(b, 'M', 'M', 0x00, 0x2A)) {
            return TIFF;
        }
        if (startsWith(b, 'B', 'M') && b.length >= 18) {
            int dibSize = (b[14] & 0xFF) | (b[15] & 0xFF) << 8 | (b[16] & 0xFF) << 16 | (b[17] & 0xFF) << 24;
            if (dibSize == 12 || dibSize == 16 || dibSize == 40 || dibSize == 52 || dibSize == 56
                    || dibSize == 64 || dibSize == 108 || dibSize == 124) {
                return BMP;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int... signature) {
        if (b.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((b[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
