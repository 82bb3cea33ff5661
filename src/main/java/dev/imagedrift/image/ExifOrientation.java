package dev.imagedrift.image;

import java.util.Locale;

/**
 * What the decoder does with an EXIF Orientation tag (JPEG APP1, PNG eXIf, WebP EXIF, TIFF tag 274).
 *
 * <p>{@link #IGNORE} is the default because it is what the reference check does: deepchecks
 * computes its properties on the arrays the user's loader returns, and the usual loaders (PIL's
 * {@code Image.open}, torchvision's {@code pil_loader} and {@code read_image}) do not rotate by
 * EXIF unless asked ({@code ImageOps.exif_transpose}). Training images and production images are
 * then measured the same way. {@link #APPLY} measures the image as a viewer shows it: orientations
 * 5 to 8 swap width and height (only the aspect ratio of the seven properties changes; area,
 * brightness, contrast and the relative intensities do not depend on orientation), and custom
 * properties see the rotated pixels.
 */
public enum ExifOrientation {
    IGNORE, APPLY;

    private static final int MAX_EXIF_BYTES = 64 * 1024;

    /** The setting named {@code id}: "ignore" or "apply" (case-insensitive). */
    public static ExifOrientation of(String id) {
        for (ExifOrientation o : values()) {
            if (o.name().equalsIgnoreCase(id.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("EXIF orientation must be 'ignore' or 'apply', got '" + id + "'");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Orientation value (1..8) in a TIFF-structured EXIF block, or 1 when absent or invalid. */
    static int readTag(byte[] bytes, int offset, int length) {
        if (length >= 6 && bytes[offset] == 'E' && bytes[offset + 1] == 'x' && bytes[offset + 2] == 'i'
                && bytes[offset + 3] == 'f' && bytes[offset + 4] == 0 && bytes[offset + 5] == 0) {
            offset += 6;
            length -= 6;
        }
        if (length < 8 || offset < 0 || offset + length > bytes.length) {
            return 1;
        }
        length = Math.min(length, MAX_EXIF_BYTES); // IFD0 sits at the start; a huge block is not copied whole
        byte[] block = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        boolean little = block[0] == 'I' && block[1] == 'I';
        if (!little && !(block[0] == 'M' && block[1] == 'M')) {
            return 1;
        }
        HeaderBytes b = new HeaderBytes(block, little);
        if (b.u16(2) != 42) {
            return 1;
        }
        long ifd = b.u32(4);
        if (!b.holds(ifd, 2)) {
            return 1;
        }
        int entries = b.u16(ifd);
        for (int i = 0; i < entries && b.holds(ifd + 2 + 12L * i, 12); i++) {
            long entry = ifd + 2 + 12L * i;
            if (b.u16(entry) == TiffInspector.TAG_ORIENTATION && b.u16(entry + 2) == 3) {
                int value = b.u16(entry + 8);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }
}
