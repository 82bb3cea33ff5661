package dev.imagedrift.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;

/**
 * Turns a {@link BufferedImage} into the 8-bit {@link DecodedImage} the properties read, with the
 * pixel-format rules documented on {@link ImageDecoder}.
 *
 * <p>Byte-interleaved RGB and gray rasters (TYPE_3BYTE_BGR, TYPE_4BYTE_ABGR, TYPE_BYTE_GRAY,
 * gray+alpha, custom byte-interleaved layouts) are wrapped without a copy; everything else is
 * converted once into a packed RGB or gray buffer. No colour management is applied anywhere: the
 * properties are defined on the stored sample values, as the reference check defines them.
 */
public final class BufferedImagePixels {
    private BufferedImagePixels() {}

    /**
     * An 8-bit view of {@code image}: a zero-copy wrapper where the raster allows it, a converted
     * copy otherwise. {@code name} is how error messages name the image.
     *
     * @throws ImageRejected with {@link RejectReason#UNSUPPORTED_PIXEL_FORMAT} for colour spaces
     *                       other than RGB and gray (CMYK, YCCK, ...) and for floating-point samples
     */
    public static DecodedImage view(BufferedImage image, String name) throws ImageRejected {
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel palette) {
            return fromPalette(image.getRaster(), palette);
        }
        ColorSpace cs = cm.getColorSpace();
        boolean gray = cs.getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1;
        boolean rgb = cs.getType() == ColorSpace.TYPE_RGB && cm.getNumColorComponents() == 3;
        if (!gray && !rgb) {
            throw new ImageRejected(RejectReason.UNSUPPORTED_PIXEL_FORMAT, name + ": pixel format "
                    + describeColorSpace(cs) + " with " + cm.getNumComponents()
                    + " components is not supported (the properties need RGB or grayscale); "
                    + "convert the image to RGB before sending it");
        }
        int dataType = image.getRaster().getDataBuffer().getDataType();
        if (dataType == DataBuffer.TYPE_FLOAT || dataType == DataBuffer.TYPE_DOUBLE) {
            throw new ImageRejected(RejectReason.UNSUPPORTED_PIXEL_FORMAT, name
                    + ": floating-point samples are not supported (the properties need 8-bit or 16-bit integers)");
        }
        for (int band = 0; band < cm.getNumColorComponents(); band++) {
            if (cm.getComponentSize(band) > 16) {
                throw new ImageRejected(RejectReason.UNSUPPORTED_PIXEL_FORMAT, name + ": "
                        + cm.getComponentSize(band) + "-bit samples are not supported (at most 16 bits a sample)");
            }
        }
        DecodedImage view = zeroCopyView(image, cm, gray);
        return view != null ? view : convertSamples(image.getRaster(), cm, gray);
    }

    /** Wraps the raster's own byte array when it is one bank of interleaved 8-bit samples, else null. */
    private static DecodedImage zeroCopyView(BufferedImage image, ColorModel cm, boolean gray) {
        Raster raster = image.getRaster();
        SampleModel sm = raster.getSampleModel();
        if (!(cm instanceof ComponentColorModel) || !(sm instanceof ComponentSampleModel csm)
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer) || buffer.getNumBanks() != 1) {
            return null;
        }
        for (int bits : cm.getComponentSize()) {
            if (bits != 8) {
                return null;
            }
        }
        int[] banks = csm.getBankIndices();
        for (int bank : banks) {
            if (bank != 0) {
                return null;
            }
        }
        int pixelStride = csm.getPixelStride();
        int scanlineStride = csm.getScanlineStride();
        // A sub-image's raster is translated into its parent's buffer: fold that into the offsets.
        long base = buffer.getOffset() - (long) raster.getSampleModelTranslateY() * scanlineStride
                - (long) raster.getSampleModelTranslateX() * pixelStride;
        int[] bandOffsets = csm.getBandOffsets();
        if (pixelStride <= 0 || base < 0 || base + bandOffsets[0] > Integer.MAX_VALUE) {
            return null;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] data = buffer.getData();
        int at = (int) base;
        try {
            // ComponentColorModel: band i is colour component i (R, G, B or gray), alpha comes last.
            return gray
                    ? DecodedImage.gray(w, h, data, pixelStride, scanlineStride, at + bandOffsets[0])
                    : DecodedImage.color(w, h, data, pixelStride, scanlineStride,
                            at + bandOffsets[0], at + bandOffsets[1], at + bandOffsets[2]);
        } catch (IllegalArgumentException unusualLayout) {
            return null; // a layout DecodedImage cannot describe (e.g. rows narrower than a pixel): copy instead
        }
    }

    /** Copies raw samples of the colour bands, scaled to 8 bits, into a packed gray or RGB buffer. */
    private static DecodedImage convertSamples(Raster raster, ColorModel cm, boolean gray) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = gray ? 1 : 3;
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), bands)];
        int[] row = new int[w];
        for (int band = 0; band < bands; band++) {
            byte[] scale = scaleTo8Bits(cm.getComponentSize(band));
            int max = scale.length - 1;
            for (int y = 0; y < h; y++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, band, row);
                for (int x = 0, p = y * w * bands + band; x < w; x++, p += bands) {
                    out[p] = scale[Math.min(row[x], max)];
                }
            }
        }
        return gray ? DecodedImage.gray(w, h, out) : DecodedImage.rgb(w, h, out);
    }

    /**
     * Lookup table from an n-bit sample to the nearest 8-bit level, round(v * 255 / (2^n - 1)).
     * For 16 bits this is round(v / 257): 8-bit data stored as 16 bits (v = 257 k) maps back to k
     * exactly, and no level is off by more than half a step (PIL's high-byte truncation can be off
     * by almost one).
     */
    static byte[] scaleTo8Bits(int bits) {
        return bits == 16 ? SixteenBit.TABLE : buildScale(bits);
    }

    private static byte[] buildScale(int bits) {
        int levels = 1 << bits;
        byte[] table = new byte[levels];
        long max = levels - 1L;
        for (int v = 0; v < levels; v++) {
            table[v] = (byte) ((v * 255L * 2 + max) / (2 * max));
        }
        return table;
    }

    /** The 64 KiB table for 16-bit samples, built once on first use. */
    private static final class SixteenBit {
        static final byte[] TABLE = buildScale(16);
    }

    /**
     * Expands palette indices through the palette (alpha ignored). A palette whose every entry is
     * gray (r = g = b, as ImageIO reports 1-, 2- and 4-bit grayscale PNG and 1-bit images) gives a
     * gray image; any other palette gives RGB. Indices past the palette's end read as black.
     */
    private static DecodedImage fromPalette(Raster raster, IndexColorModel palette) {
        int size = palette.getMapSize();
        int entries = Math.max(size, 1 << raster.getSampleModel().getSampleSize(0));
        byte[] reds = new byte[entries];
        byte[] greens = new byte[entries];
        byte[] blues = new byte[entries];
        palette.getReds(reds);
        palette.getGreens(greens);
        palette.getBlues(blues);
        boolean gray = true;
        for (int i = 0; i < size && gray; i++) {
            gray = reds[i] == greens[i] && greens[i] == blues[i];
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] row = new int[w];
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), gray ? 1 : 3)];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            if (gray) {
                for (int x = 0, p = y * w; x < w; x++, p++) {
                    out[p] = reds[row[x]];
                }
            } else {
                for (int x = 0, p = 3 * y * w; x < w; x++, p += 3) {
                    int i = row[x];
                    out[p] = reds[i];
                    out[p + 1] = greens[i];
                    out[p + 2] = blues[i];
                }
            }
        }
        return gray ? DecodedImage.gray(w, h, out) : DecodedImage.rgb(w, h, out);
    }

    private static String describeColorSpace(ColorSpace cs) {
        return switch (cs.getType()) {
            case ColorSpace.TYPE_CMYK -> "CMYK";
            case ColorSpace.TYPE_CMY -> "CMY";
            case ColorSpace.TYPE_YCbCr -> "YCbCr";
            case ColorSpace.TYPE_Lab -> "Lab";
            case ColorSpace.TYPE_XYZ -> "XYZ";
            case ColorSpace.TYPE_HSV -> "HSV";
            case ColorSpace.TYPE_HLS -> "HLS";
            default -> "colour space type " + cs.getType();
        };
    }
}
