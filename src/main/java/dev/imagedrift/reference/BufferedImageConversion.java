package dev.imagedrift.reference;

import dev.imagedrift.image.DecodedImage;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/**
 * Converts a decoded {@link BufferedImage} into a {@link DecodedImage}. Byte-interleaved RGB and
 * gray rasters (what ImageIO gives for nearly every JPEG and PNG) are wrapped without a copy;
 * anything else is converted. Gray samples are taken raw from the raster, never through Java's
 * linear-gray colour conversion, so they match what other libraries report for the same file.
 */
final class BufferedImageConversion {
    private BufferedImageConversion() {}

    static DecodedImage toDecodedImage(BufferedImage image) {
        DecodedImage wrapped = wrapInterleavedBytes(image);
        if (wrapped != null) {
            return wrapped;
        }
        if (isSingleChannelGray(image)) {
            return grayFromSamples(image);
        }
        return rgbFromColorModel(image);
    }

    /** The image's own byte buffer when it is 8-bit interleaved RGB or gray (with or without alpha), else null. */
    private static DecodedImage wrapInterleavedBytes(BufferedImage image) {
        Raster raster = image.getRaster();
        if (!(image.getColorModel() instanceof ComponentColorModel cm)
                || !(raster.getSampleModel() instanceof ComponentSampleModel sm)
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || buffer.getNumBanks() != 1 || buffer.getOffset() != 0
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0) {
            return null;
        }
        for (int bits : cm.getComponentSize()) {
            if (bits != 8) {
                return null;
            }
        }
        int[] bankIndices = sm.getBankIndices();
        for (int bank : bankIndices) {
            if (bank != 0) {
                return null;
            }
        }
        int[] offsets = sm.getBandOffsets();
        int type = cm.getColorSpace().getType();
        int colours = cm.getNumColorComponents();
        if (type == ColorSpace.TYPE_RGB && colours == 3) {
            return DecodedImage.color(image.getWidth(), image.getHeight(), buffer.getData(), sm.getPixelStride(),
                    sm.getScanlineStride(), offsets[0], offsets[1], offsets[2]);
        }
        if (type == ColorSpace.TYPE_GRAY && colours == 1) {
            return DecodedImage.gray(image.getWidth(), image.getHeight(), buffer.getData(), sm.getPixelStride(),
                    sm.getScanlineStride(), offsets[0]);
        }
        return null;
    }

    private static boolean isSingleChannelGray(BufferedImage image) {
        return image.getColorModel() instanceof ComponentColorModel cm
                && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && cm.getNumColorComponents() == 1
                && cm.getComponentSize(0) <= 16;
    }

    /** Gray of another bit depth (16-bit PNG): raw samples rescaled to 0..255. */
    private static DecodedImage grayFromSamples(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int bits = image.getColorModel().getComponentSize(0);
        double max = (1 << bits) - 1;
        Raster raster = image.getRaster();
        byte[] out = new byte[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (byte) Math.round(row[x] * 255.0 / max);
            }
        }
        return DecodedImage.gray(w, h, out);
    }

    /** Palette, packed-int, 16-bit colour and other layouts: sRGB through the colour model. */
    private static DecodedImage rgbFromColorModel(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            int p = y * w * 3;
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                out[p++] = (byte) (argb >>> 16);
                out[p++] = (byte) (argb >>> 8);
                out[p++] = (byte) argb;
            }
        }
        return DecodedImage.rgb(w, h, out);
    }
}
