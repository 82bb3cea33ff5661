package dev.imagedrift.image;

/**
 * BMP: reads the file and DIB headers and checks every size the JDK's reader would allocate from.
 *
 * <ul>
 *   <li>The pixel-data offset must lie inside the input (the reader allocates the palette as
 *       "offset minus headers" bytes).</li>
 *   <li>RLE4/RLE8 data: the declared compressed size (or, when 0, the header's file size minus the
 *       offset, which the reader uses instead) must fit in the input: the reader allocates it
 *       whole. This is the 123-byte BMP that declared gigabytes.</li>
 *   <li>A BMP wrapping a JPEG or PNG (compression 4 or 5, a printer format) is not decoded: the
 *       reader would hand the payload to any installed reader, unchecked.</li>
 *   <li>A V5 header naming a linked (a file path) or embedded ICC profile is rewritten in a copy to
 *       plain sRGB: no colour management here, and no profile bytes reach the colour system.</li>
 * </ul>
 */
final class BmpInspector {
    private static final int FILE_HEADER = 14;
    private static final long RGB = 0;
    private static final long RLE8 = 1;
    private static final long RLE4 = 2;
    private static final long BITFIELDS = 3;
    private static final long JPEG = 4;
    private static final long PNG = 5;
    private static final long ALPHA_BITFIELDS = 6;
    private static final long LCS_SRGB = 0x73524742L; // 'sRGB'
    private static final long PROFILE_LINKED = 0x4C494E4BL; // 'LINK'
    private static final long PROFILE_EMBEDDED = 0x4D424544L; // 'MBED'

    private BmpInspector() {}

    static DeclaredImage inspect(byte[] input, DecodeLimits limits) {
        HeaderBytes b = new HeaderBytes(input, true);
        long fileSize = b.u32(2);
        long offset = b.u32(10);
        long dib = b.u32(FILE_HEADER);
        if (dib != 12 && dib != 40 && dib != 52 && dib != 56 && dib != 108 && dib != 124) {
            throw HeaderProblem.variant("BMP header version of " + dib + " bytes is not supported");
        }
        b.require(FILE_HEADER, dib, "BMP header");
        if (offset < FILE_HEADER + dib || offset > input.length) {
            throw HeaderProblem.undecodable("BMP pixel data offset " + offset + " lies outside the "
                    + input.length + "-byte input (or inside its headers)");
        }
        long width;
        long height;
        int bits;
        long compression = RGB;
        long sizeImage = 0;
        if (dib == 12) {
            width = b.u16(18);
            height = b.u16(20);
            bits = b.u16(24);
        } else {
            width = (int) b.u32(18);
            height = Math.abs((long) (int) b.u32(22));
            bits = b.u16(28);
            compression = b.u32(30);
            sizeImage = b.u32(34);
        }
        if (compression == JPEG || compression == PNG) {
            throw HeaderProblem.variant("BMP wrapping a " + (compression == JPEG ? "JPEG" : "PNG")
                    + " payload is not supported; send the JPEG or PNG itself");
        }
        if (bits != 1 && bits != 4 && bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw HeaderProblem.undecodable("BMP with " + bits + " bits a pixel");
        }
        boolean rle = compression == RLE8 || compression == RLE4;
        if (compression != RGB && !rle && compression != BITFIELDS && compression != ALPHA_BITFIELDS
                || compression == RLE8 && bits != 8 || compression == RLE4 && bits != 4) {
            throw HeaderProblem.undecodable("BMP compression " + compression + " with " + bits + " bits a pixel");
        }
        DeclaredImage.checkPixels(width, height, limits, "image");
        long available = input.length - offset;
        if (rle) {
            long declared = sizeImage != 0 ? sizeImage : fileSize - offset;
            if (declared <= 0 || declared > available) {
                throw HeaderProblem.undecodable("BMP declares " + declared + " bytes of RLE data, but "
                        + available + " follow its header");
            }
        }

        byte[] readerInput = input;
        if (dib == 124) {
            long csType = b.u32(FILE_HEADER + 56);
            if (csType == PROFILE_LINKED || csType == PROFILE_EMBEDDED) {
                readerInput = input.clone();
                HeaderBytes copy = new HeaderBytes(readerInput, true);
                copy.require(FILE_HEADER + 56, 4, "BMP colour space");
                readerInput[FILE_HEADER + 56] = (byte) (LCS_SRGB & 0xFF);
                readerInput[FILE_HEADER + 57] = (byte) (LCS_SRGB >> 8 & 0xFF);
                readerInput[FILE_HEADER + 58] = (byte) (LCS_SRGB >> 16 & 0xFF);
                readerInput[FILE_HEADER + 59] = (byte) (LCS_SRGB >> 24 & 0xFF);
            }
        }

        long pixels = width * height;
        long raster = switch (bits) {
            case 16 -> pixels * 2;
            case 24 -> pixels * 3;
            case 32 -> pixels * 4;
            default -> (width * bits + 7) / 8 * height;
        };
        long copy = bits == 24 ? 0 : pixels * 3; // palette expansion or packed-int conversion
        long working = 4 * (width * 4 + 16) + (rle ? 2 * available : 0) + (offset - FILE_HEADER) * 2;
        long estimate = raster + copy + working + (readerInput == input ? 0 : input.length);
        return new DeclaredImage(ImageFormat.BMP, (int) width, (int) height, false, estimate, 1, readerInput);
    }
}
