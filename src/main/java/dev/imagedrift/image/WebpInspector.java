package dev.imagedrift.image;

import java.io.ByteArrayOutputStream;

/**
 * WebP: checks the RIFF container (every chunk inside the input), reads the canvas (VP8X) and the
 * frame (VP8 or VP8L) sizes, and hands the reader a copy holding only the image and its alpha
 * chunk: no ICC profile (TwelveMonkeys would convert colours with it, and parse it first), no EXIF
 * or XMP. Animated WebP is not decoded. A frame whose size differs from the canvas is refused.
 *
 * <p>Memory: the lossy decoder fills the 3- or 4-byte raster a macroblock row at a time; the
 * lossless decoder decodes into one int (ARGB) a pixel, which a transform may need twice, and then
 * copies into the raster. Per pixel, rounded up (peak heap, measured on 12-megapixel files under
 * small heaps; the decoders also churn short-lived garbage, about 115 bytes a pixel for lossy,
 * which the collector reclaims as they go):
 */
final class WebpInspector {
    /** Peak heap one pixel of a lossy WebP takes to decode: raster (3-4) plus alpha plane and rows. */
    static final long LOSSY_BYTES_PER_PIXEL = 6;
    /** Peak heap one pixel of a lossless WebP takes to decode: ARGB ints (4, twice) plus the raster. */
    static final long LOSSLESS_BYTES_PER_PIXEL = 12;

    private static final int ANIMATION_FLAG = 0x02;
    private static final int ALPHA_FLAG = 0x10;

    private WebpInspector() {}

    static DeclaredImage inspect(byte[] input, DecodeLimits limits) {
        HeaderBytes b = new HeaderBytes(input, true);
        long end = 8 + b.u32(4);
        if (end > input.length) {
            throw HeaderProblem.undecodable("WebP RIFF container declares " + end + " bytes, the input has "
                    + input.length);
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long canvasWidth = -1;
        long canvasHeight = -1;
        int flags = 0;
        long width = -1;
        long height = -1;
        boolean lossless = false;
        int orientation = 1;
        long at = 12;
        while (at + 8 <= end) {
            String type = b.fourCc(at);
            long size = b.u32(at + 4);
            long data = at + 8;
            if (size > end - data) {
                throw HeaderProblem.undecodable("WebP chunk " + type + " at byte " + at + " declares " + size
                        + " bytes, but only " + (end - data) + " follow");
            }
            long next = data + size + (size & 1);
            switch (type) {
                case "VP8X" -> {
                    if (at != 12 || size < 10) {
                        throw HeaderProblem.undecodable("WebP VP8X chunk misplaced or short");
                    }
                    flags = b.u8(data);
                    canvasWidth = b.u24(data + 4) + 1L;
                    canvasHeight = b.u24(data + 7) + 1L;
                    DeclaredImage.checkPixels(canvasWidth, canvasHeight, limits, "canvas");
                    if ((flags & ANIMATION_FLAG) != 0) {
                        throw HeaderProblem.variant("animated WebP is not supported");
                    }
                }
                case "ANIM", "ANMF" -> throw HeaderProblem.variant("animated WebP is not supported");
                case "EXIF" -> orientation = ExifOrientation.readTag(input, (int) data, (int) size);
                case "ALPH" -> kept.write(input, (int) at, (int) (Math.min(next, end) - at));
                case "VP8 ", "VP8L" -> {
                    if (width >= 0) {
                        throw HeaderProblem.undecodable("WebP has more than one image chunk");
                    }
                    lossless = "VP8L".equals(type);
                    if (lossless) {
                        if (b.u8(data) != 0x2F) {
                            throw HeaderProblem.undecodable("WebP VP8L chunk lacks its signature");
                        }
                        long bits = b.u32(data + 1);
                        width = (bits & 0x3FFF) + 1;
                        height = (bits >> 14 & 0x3FFF) + 1;
                    } else {
                        if ((b.u8(data) & 1) != 0 || b.u8(data + 3) != 0x9D || b.u8(data + 4) != 0x01
                                || b.u8(data + 5) != 0x2A) {
                            throw HeaderProblem.undecodable("WebP VP8 chunk is not a key frame");
                        }
                        width = b.u16(data + 6) & 0x3FFF;
                        height = b.u16(data + 8) & 0x3FFF;
                    }
                    DeclaredImage.checkPixels(width, height, limits, "image");
                    kept.write(input, (int) at, (int) (Math.min(next, end) - at));
                }
                default -> { } // ICCP, XMP and unknown chunks: not for the reader
            }
            at = next;
        }
        if (width < 0) {
            throw HeaderProblem.undecodable("WebP has no image chunk");
        }
        if (canvasWidth >= 0 && (canvasWidth != width || canvasHeight != height)) {
            throw HeaderProblem.undecodable("WebP frame " + width + "x" + height + " differs from its canvas "
                    + canvasWidth + "x" + canvasHeight);
        }
        byte[] readerInput = rebuild(kept.toByteArray(), canvasWidth >= 0, flags, width, height);
        long estimate = width * height * (lossless ? LOSSLESS_BYTES_PER_PIXEL : LOSSY_BYTES_PER_PIXEL)
                + 3L * input.length + 64 * 1024;
        return new DeclaredImage(ImageFormat.WEBP, (int) width, (int) height, false, estimate, orientation,
                readerInput);
    }

    /** A RIFF container of the kept chunks, behind a VP8X header keeping only the alpha flag. */
    private static byte[] rebuild(byte[] chunks, boolean extended, int flags, long width, long height) {
        int header = extended ? 18 : 0;
        byte[] out = new byte[12 + header + chunks.length];
        put(out, 0, "RIFF");
        putLe(out, 4, out.length - 8L, 4);
        put(out, 8, "WEBP");
        if (extended) {
            put(out, 12, "VP8X");
            putLe(out, 16, 10, 4);
            out[20] = (byte) (flags & ALPHA_FLAG);
            putLe(out, 24, width - 1, 3);
            putLe(out, 27, height - 1, 3);
        }
        System.arraycopy(chunks, 0, out, 12 + header, chunks.length);
        return out;
    }

    private static void put(byte[] out, int at, String fourCc) {
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) fourCc.charAt(i);
        }
    }

    private static void putLe(byte[] out, int at, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out[at + i] = (byte) (value >> 8 * i);
        }
    }
}
