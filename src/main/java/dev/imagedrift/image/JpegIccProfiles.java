package dev.imagedrift.image;

/**
 * Removes embedded ICC profiles (APP2 "ICC_PROFILE" segments) from a JPEG before ImageIO reads it.
 *
 * <p>Why: ImageIO's JPEG reader converts a JPEG with an embedded profile from that profile to
 * sRGB. That gives other values than the stored ones, which the reference check (PIL) and most
 * training pipelines read; and it is slow even when nothing changes: parsing and checking the
 * profile costs several milliseconds, the conversion several more, which with the sRGB profile
 * that cameras commonly embed makes the decode 2-3 times slower for identical pixels. Without the
 * segments the reader decodes the stored values at full speed.
 */
final class JpegIccProfiles {
    private static final byte[] ICC_TAG = {'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0};
    private static final int APP2 = 0xE2;
    private static final int START_OF_SCAN = 0xDA;
    private static final int END_OF_IMAGE = 0xD9;

    private JpegIccProfiles() {}

    /**
     * The same bytes without ICC profile segments; the input itself when it is not a JPEG or has
     * no profile. Only the marker segments before the first scan are looked at; a malformed
     * segment ends the search and is left for the decoder to report.
     */
    static byte[] strip(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return jpeg;
        }
        int[] cuts = new int[8]; // start, end pairs of segments to drop
        int cutCount = 0;
        int removed = 0;
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == START_OF_SCAN || marker == END_OF_IMAGE) {
                break;
            }
            int length = (jpeg[pos + 2] & 0xFF) << 8 | (jpeg[pos + 3] & 0xFF);
            int end = pos + 2 + length;
            if (length < 2 || end > jpeg.length) {
                break;
            }
            if (marker == APP2 && isIccSegment(jpeg, pos + 4, end)) {
                if (cutCount == cuts.length) {
                    cuts = java.util.Arrays.copyOf(cuts, 2 * cuts.length);
                }
                cuts[cutCount++] = pos;
                cuts[cutCount++] = end;
                removed += end - pos;
            }
            pos = end;
        }
        if (removed == 0) {
            return jpeg;
        }
        byte[] out = new byte[jpeg.length - removed];
        int from = 0;
        int to = 0;
        for (int i = 0; i < cutCount; i += 2) {
            System.arraycopy(jpeg, from, out, to, cuts[i] - from);
            to += cuts[i] - from;
            from = cuts[i + 1];
        }
        System.arraycopy(jpeg, from, out, to, jpeg.length - from);
        return out;
    }

    private static boolean isIccSegment(byte[] jpeg, int payload, int end) {
        if (end - payload < ICC_TAG.length) {
            return false;
        }
        for (int i = 0; i < ICC_TAG.length; i++) {
            if (jpeg[payload + i] != ICC_TAG[i]) {
                return false;
            }
        }
        return true;
    }
}
