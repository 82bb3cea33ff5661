package dev.imagedrift.image;

import java.io.ByteArrayOutputStream;

/**
 * PNG: walks every chunk (each length must fit in what is left of the input), reads IHDR, and
 * hands the reader a copy holding only the critical chunks (IHDR, PLTE, IDAT, IEND, and any
 * unknown critical chunk, which the reader then refuses). Dropping the ancillary chunks means no
 * compressed metadata (iCCP, zTXt, iTXt) is ever inflated, however large it declares itself, and
 * no transparency chunk turns an RGB image into a 4-band raster. The EXIF orientation is read from
 * eXIf first.
 */
final class PngInspector {
    private static final int SIGNATURE = 8;

    private PngInspector() {}

    static DeclaredImage inspect(byte[] input, DecodeLimits limits) {
        HeaderBytes b = new HeaderBytes(input, false);
        if (!b.tagAt(SIGNATURE + 4, "IHDR") || b.u32(SIGNATURE) != 13) {
            throw HeaderProblem.undecodable("PNG does not start with a 13-byte IHDR chunk");
        }
        long width = b.u32(SIGNATURE + 8);
        long height = b.u32(SIGNATURE + 12);
        int depth = b.u8(SIGNATURE + 16);
        int colorType = b.u8(SIGNATURE + 17);
        int interlace = b.u8(SIGNATURE + 20);
        int channels = switch (colorType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> throw HeaderProblem.undecodable("PNG colour type " + colorType + " does not exist");
        };
        boolean depthOk = switch (colorType) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            default -> depth == 8 || depth == 16;
        };
        if (!depthOk || interlace > 1) {
            throw HeaderProblem.undecodable("PNG IHDR declares an invalid combination (colour type " + colorType
                    + ", bit depth " + depth + ", interlace " + interlace + ")");
        }
        DeclaredImage.checkPixels(width, height, limits, "image");

        ByteArrayOutputStream kept = new ByteArrayOutputStream(input.length);
        kept.write(input, 0, SIGNATURE);
        int orientation = 1;
        boolean ended = false;
        long at = SIGNATURE;
        while (!ended) {
            if (!b.holds(at, 12)) {
                throw HeaderProblem.undecodable("PNG ends without an IEND chunk (truncated at byte " + at + ")");
            }
            long length = b.u32(at);
            if (length > input.length - at - 12) {
                throw HeaderProblem.undecodable("PNG chunk " + b.fourCc(at + 4) + " at byte " + at + " declares "
                        + length + " bytes, but only " + (input.length - at - 12) + " follow");
            }
            int total = (int) length + 12;
            boolean critical = (input[(int) at + 4] & 0x20) == 0; // upper-case first letter
            if (b.tagAt(at + 4, "eXIf")) {
                orientation = ExifOrientation.readTag(input, (int) at + 8, (int) length);
            }
            if (critical) {
                kept.write(input, (int) at, total);
            }
            ended = b.tagAt(at + 4, "IEND");
            at += total;
        }

        long pixels = width * height;
        long rowBytes = (width * channels * depth + 7) / 8;
        long raster = depth < 8 ? rowBytes * height : pixels * channels * (depth / 8);
        boolean gray = colorType == 0 || colorType == 4;
        boolean zeroCopy = depth == 8 && colorType != 3;
        long copy = zeroCopy ? 0 : pixels * (gray ? 1 : 3);
        // Two rows for unfiltering, one more for Adam7 passes, the inflater's window and tables.
        long working = 3 * (rowBytes + 1) + 256 * 1024;
        long estimate = raster + copy + working + 2L * input.length; // the kept-chunks buffer and its copy
        return new DeclaredImage(ImageFormat.PNG, (int) width, (int) height, gray, estimate, orientation,
                kept.toByteArray());
    }
}
