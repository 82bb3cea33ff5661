package dev.imagedrift.image;

/**
 * GIF: reads the logical screen and walks the blocks (every extension's sub-blocks inside the
 * input) up to the first image descriptor, whose frame is what the reader decodes. Both the
 * logical screen and the first frame must be within the pixel limit: the reference check's
 * reader (PIL) allocates the whole screen, and a 65535x65535 screen around a 1x1 frame is a
 * classic trap. The reader gets the file without the extensions before the first frame (comments,
 * application data, the graphic control block): the JDK's reader keeps every comment in memory,
 * some twenty times its size, and none of them changes the pixels used here.
 */
final class GifInspector {
    private static final int EXTENSION = 0x21;
    private static final int IMAGE = 0x2C;

    private GifInspector() {}

    static DeclaredImage inspect(byte[] input, DecodeLimits limits) {
        HeaderBytes b = new HeaderBytes(input, true);
        int screenWidth = b.u16(6);
        int screenHeight = b.u16(8);
        int flags = b.u8(10);
        DeclaredImage.checkPixels(screenWidth, screenHeight, limits, "logical screen");
        long pos = 13;
        if ((flags & 0x80) != 0) {
            pos += 3L << ((flags & 7) + 1);
        }
        long headerEnd = pos;
        while (true) {
            int block = b.u8(pos);
            if (block == EXTENSION) {
                pos = skipSubBlocks(b, pos + 2);
            } else if (block == IMAGE) {
                int width = b.u16(pos + 5);
                int height = b.u16(pos + 7);
                DeclaredImage.checkPixels(width, height, limits, "first frame");
                long pixels = (long) width * height;
                // indexed raster, its expansion to RGB, the LZW tables and a row
                long estimate = pixels + pixels * 3 + 64 * 1024 + width + 2L * input.length;
                return new DeclaredImage(ImageFormat.GIF, width, height, false, estimate, 1,
                        withoutLeadingExtensions(input, (int) headerEnd, (int) pos));
            } else {
                throw HeaderProblem.undecodable("GIF block 0x" + Integer.toHexString(block) + " at byte " + pos
                        + " before any image");
            }
        }
    }

    /** The header and global colour table, then everything from the first image descriptor on. */
    private static byte[] withoutLeadingExtensions(byte[] input, int headerEnd, int image) {
        if (image == headerEnd) {
            return input;
        }
        byte[] out = new byte[headerEnd + input.length - image];
        System.arraycopy(input, 0, out, 0, headerEnd);
        System.arraycopy(input, image, out, headerEnd, input.length - image);
        return out;
    }

    private static long skipSubBlocks(HeaderBytes b, long pos) {
        while (true) {
            int size = b.u8(pos);
            if (size == 0) {
                return pos + 1;
            }
            pos += 1 + size;
        }
    }
}
