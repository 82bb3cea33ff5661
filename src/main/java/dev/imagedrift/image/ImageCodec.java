package dev.imagedrift.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes images to JPEG or PNG bytes in memory (no temp files), and turns a
 * {@link DecodedImage} back into a {@link BufferedImage}.
 */
public final class ImageCodec {
    private ImageCodec() {}

    /**
     * Baseline JPEG of the image's RGB (or gray) pixels; any alpha channel is dropped first.
     *
     * @param quality 0 (smallest) .. 1 (best); 0.9 keeps photos visually lossless
     */
    public static byte[] encodeJpeg(BufferedImage image, float quality) {
        if (!(quality >= 0f && quality <= 1f)) {
            throw new IllegalArgumentException("JPEG quality must be between 0 and 1, got " + quality);
        }
        BufferedImage opaque = image.getColorModel().hasAlpha() ? toRgb(image) : image;
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        return write(writer, opaque, param);
    }

    /** Lossless PNG of the image as it is (alpha kept when present). */
    public static byte[] encodePng(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        return write(writer, image, writer.getDefaultWriteParam());
    }

    /**
     * A copy of the pixels as a TYPE_3BYTE_BGR image (colour) or TYPE_BYTE_GRAY image (gray),
     * sample values unchanged.
     */
    public static BufferedImage toBufferedImage(DecodedImage image) {
        int w = image.width();
        int h = image.height();
        BufferedImage out = new BufferedImage(w, h,
                image.isGray() ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int q = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (image.isGray()) {
                    dst[q++] = (byte) image.red(x, y);
                } else { // TYPE_3BYTE_BGR stores blue first
                    dst[q++] = (byte) image.blue(x, y);
                    dst[q++] = (byte) image.green(x, y);
                    dst[q++] = (byte) image.red(x, y);
                }
            }
        }
        return out;
    }

    /**
     * The image's pixels as a new TYPE_3BYTE_BGR image, read with the decoder's rules (gray is
     * replicated to R = G = B without any gamma conversion; palette expanded; alpha dropped).
     *
     * @throws IllegalArgumentException for pixel formats the decoder refuses (CMYK, float samples)
     */
    public static BufferedImage toRgb(BufferedImage image) {
        DecodedImage pixels;
        try {
            pixels = BufferedImagePixels.view(image, "image");
        } catch (ImageRejected e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return toRgb(pixels);
    }

    /** The pixels as a new TYPE_3BYTE_BGR image (gray replicated to R = G = B). */
    public static BufferedImage toRgb(DecodedImage image) {
        if (!image.isGray()) {
            return toBufferedImage(image);
        }
        int w = image.width();
        int h = image.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int q = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                byte v = (byte) image.red(x, y);
                dst[q++] = v;
                dst[q++] = v;
                dst[q++] = v;
            }
        }
        return out;
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + image.getWidth() + "x" + image.getHeight()
                    + " image as " + writer.getOriginatingProvider().getFormatNames()[0], e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
