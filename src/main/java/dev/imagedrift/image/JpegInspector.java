package dev.imagedrift.image;

/**
 * JPEG: walks the marker segments (each length must fit in the input) and the entropy-coded data
 * between them, reads the frame header (SOF) and counts the scans.
 *
 * <ul>
 *   <li>Only baseline, extended and progressive Huffman frames (SOF0..SOF2) with 8-bit samples
 *       and 1, 3 or 4 components are decoded; lossless, hierarchical, arithmetic and 12-bit
 *       frames are undecodable here (the JDK's libjpeg would refuse them anyway, later).</li>
 *   <li>A height of 0 (to be given by a DNL marker after the first scan) is refused: the size
 *       must be known before decoding.</li>
 *   <li>More than {@link #MAX_SCANS} scans, or a progressive JPEG of more than
 *       {@link #MAX_SCAN_PIXELS} scans x pixels, is refused as too large: each scan of a
 *       progressive JPEG makes a pass over the whole image, so a few kilobytes of near-empty scans
 *       cost seconds of CPU. Encoders' progressive scripts use about 10 scans (libjpeg's simple
 *       progression) and rarely more than a few dozen.</li>
 *   <li>Memory: the 8-bit raster, and for progressive frames libjpeg's whole-image coefficient
 *       buffer (64 two-byte coefficients a block, every component: native memory, counted all the
 *       same), plus the copy without ICC profiles ({@link JpegIccProfiles}).</li>
 * </ul>
 */
final class JpegInspector {
    /** Most scans a JPEG may have. */
    static final int MAX_SCANS = 200;
    /**
     * Most scans x pixels of a progressive JPEG: the JDK's reader renders the whole image once per
     * scan (IDCT, colour conversion and a copy into the raster each time), so this bounds the CPU
     * of one decode at about ten full renderings of a 50-megapixel image. Ten scans (libjpeg's
     * standard progression) are allowed at the default pixel limit, 1,600 (capped by
     * {@link #MAX_SCANS}) on a 640x480 frame.
     */
    static final long MAX_SCAN_PIXELS = 10 * DecodeLimits.DEFAULT_MAX_PIXELS;

    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int APP1 = 0xE1;

    private JpegInspector() {}

    static DeclaredImage inspect(byte[] input, DecodeLimits limits) {
        HeaderBytes b = new HeaderBytes(input, false);
        int frame = -1;
        int precision = 0;
        int width = 0;
        int height = 0;
        int components = 0;
        int maxH = 1;
        int maxV = 1;
        int[] sampling = new int[0];
        int scans = 0;
        int orientation = 1;
        boolean exifSeen = false;
        int pos = 2;
        while (pos + 1 < input.length) {
            if ((input[pos] & 0xFF) != 0xFF) {
                pos++; // stray bytes before a marker: libjpeg skips them with a warning too
                continue;
            }
            int marker = input[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == EOI) {
                break;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                pos += 2; // standalone markers
                continue;
            }
            if (!b.holds(pos + 2, 2)) {
                break; // truncated: the reader reports it as damage
            }
            int length = b.u16(pos + 2);
            if (length < 2) {
                throw HeaderProblem.undecodable("JPEG segment at byte " + pos + " declares length " + length);
            }
            int end = pos + 2 + length;
            if (end > input.length) {
                if (frame < 0) {
                    throw HeaderProblem.undecodable("JPEG header truncated: segment 0x"
                            + Integer.toHexString(marker) + " at byte " + pos + " runs past the end");
                }
                break;
            }
            if (isFrameHeader(marker)) {
                if (frame >= 0) {
                    throw HeaderProblem.undecodable("JPEG has more than one frame header");
                }
                frame = marker;
                precision = b.u8(pos + 4);
                height = b.u16(pos + 5);
                width = b.u16(pos + 7);
                components = b.u8(pos + 9);
                if (length < 8 + 3 * components) {
                    throw HeaderProblem.undecodable("JPEG frame header too short for " + components + " components");
                }
                sampling = new int[components * 2];
                for (int c = 0; c < components; c++) {
                    int hv = b.u8(pos + 11 + 3 * c);
                    sampling[2 * c] = Math.max(1, hv >> 4);
                    sampling[2 * c + 1] = Math.max(1, hv & 0xF);
                    maxH = Math.max(maxH, sampling[2 * c]);
                    maxV = Math.max(maxV, sampling[2 * c + 1]);
                }
            } else if (marker == APP1 && !exifSeen && length > 8 && b.tagAt(pos + 4, "Exif")) {
                exifSeen = true;
                orientation = ExifOrientation.readTag(input, pos + 4, length - 2);
            }
            pos = end;
            if (marker == SOS) {
                if (frame < 0) {
                    throw HeaderProblem.undecodable("JPEG scan before its frame header");
                }
                if (++scans > MAX_SCANS) {
                    throw HeaderProblem.tooLarge("JPEG has more than " + MAX_SCANS + " scans (each costs a pass "
                            + "over the whole image)");
                }
                pos = afterEntropyCodedData(input, pos);
            }
        }
        if (frame < 0) {
            throw HeaderProblem.undecodable("JPEG has no frame header");
        }
        if (frame > 0xC2) {
            throw HeaderProblem.undecodable("JPEG process SOF" + (frame - 0xC0)
                    + " (lossless, hierarchical or arithmetic coding) is not supported");
        }
        if (precision != 8) {
            throw HeaderProblem.undecodable("JPEG with " + precision + "-bit samples is not supported (8-bit only)");
        }
        if (components != 1 && components != 3 && components != 4) {
            throw HeaderProblem.undecodable("JPEG with " + components + " components");
        }
        if (height == 0) {
            throw HeaderProblem.undecodable("JPEG height 0 (size given later by a DNL marker) is not supported");
        }
        DeclaredImage.checkPixels(width, height, limits, "image");
        long pixels = (long) width * height;
        if (frame == 0xC2 && scans * pixels > MAX_SCAN_PIXELS) {
            throw HeaderProblem.tooLarge("progressive JPEG of " + width + "x" + height + " with " + scans
                    + " scans: rendering it once per scan exceeds " + MAX_SCAN_PIXELS + " scan-pixels");
        }

        long raster = pixels * components;
        long working;
        if (frame == 0xC2) {
            long coefficients = 0; // blocks of 64 two-byte coefficients, per component, padded to whole MCUs
            long mcuCols = (width + 8L * maxH - 1) / (8L * maxH);
            long mcuRows = (height + 8L * maxV - 1) / (8L * maxV);
            for (int c = 0; c < components; c++) {
                coefficients += mcuCols * sampling[2 * c] * mcuRows * sampling[2 * c + 1] * 128;
            }
            working = coefficients;
        } else {
            working = (width + 16L * maxH) * components * 16 * maxV * 2; // an MCU row of samples, twice
        }
        long estimate = raster + working + input.length + 256 * 1024; // + the copy without ICC profiles, tables
        return new DeclaredImage(ImageFormat.JPEG, width, height, components == 1, estimate, orientation,
                JpegIccProfiles.strip(input));
    }

    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** The position of the first marker after a scan's entropy-coded data (or the end of input). */
    private static int afterEntropyCodedData(byte[] input, int pos) {
        for (int i = pos; i + 1 < input.length; i++) {
            if ((input[i] & 0xFF) == 0xFF) {
                int next = input[i + 1] & 0xFF;
                if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                    return i;
                }
            }
        }
        return input.length;
    }
}
