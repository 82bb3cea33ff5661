package dev.imagedrift.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Controlled pixel shifts, used to inject drift in the demo and the evaluation harness. Each
 * returns a new TYPE_3BYTE_BGR image and leaves its input untouched. Inputs are read with the
 * decoder's rules ({@link ImageCodec#toRgb(BufferedImage)}): gray is replicated to R = G = B,
 * palettes are expanded, alpha is dropped.
 */
public final class ImageShifts {
    private ImageShifts() {}

    /**
     * The reference check's own drift, {@code v + int(0.31 * (255 - v))} on every channel value
     * (int() truncates, as in its Python source).
     */
    public static BufferedImage brightenLikeSeed(BufferedImage image) {
        byte[] table = new byte[256];
        for (int v = 0; v < 256; v++) {
            table[v] = (byte) (v + (int) (0.31 * (255 - v)));
        }
        return mapChannels(image, table, table, table);
    }

    /** Adds {@code levels} (may be negative) to every channel value, clamped to 0..255. */
    public static BufferedImage addBrightness(BufferedImage image, int levels) {
        byte[] table = offsetTable(levels);
        return mapChannels(image, table, table, table);
    }

    /**
     * Moves every channel value the given fraction of the way toward the image's mean gray
     * (Brightness: the mean of 0.2125 R + 0.7154 G + 0.0721 B), rounded to the nearest level:
     * 0 leaves the image as it is, 1 makes it a uniform gray. RMS Contrast shrinks by about the
     * factor (1 - fraction).
     */
    public static BufferedImage pullContrastTowardMean(BufferedImage image, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be between 0 and 1, got " + fraction);
        }
        BufferedImage out = ImageCodec.toRgb(image);
        byte[] px = pixels(out);
        double sum = 0;
        for (int p = 0; p < px.length; p += 3) {
            sum += 0.0721 * (px[p] & 0xFF) + 0.7154 * (px[p + 1] & 0xFF) + 0.2125 * (px[p + 2] & 0xFF);
        }
        double mean = sum / (px.length / 3);
        byte[] table = new byte[256];
        for (int v = 0; v < 256; v++) {
            table[v] = (byte) clamp((int) Math.round(v + fraction * (mean - v)));
        }
        applyInPlace(px, table, table, table);
        return out;
    }

    /**
     * A warm colour cast: red up by {@code levels}, blue down by {@code levels}, green unchanged,
     * clamped to 0..255. A negative {@code levels} gives a cool cast.
     */
    public static BufferedImage warmCast(BufferedImage image, int levels) {
        return mapChannels(image, offsetTable(levels), offsetTable(0), offsetTable(-levels));
    }

    /**
     * A resolution change by {@code factor} (0.5 halves width and height; each side at least one
     * pixel). Downscaling halves the image step by step with bilinear filtering before a last
     * bicubic step, so detail averages out instead of aliasing; upscaling is bicubic.
     */
    public static BufferedImage rescale(BufferedImage image, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("scale factor must be positive and finite, got " + factor);
        }
        int targetW = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int targetH = Math.max(1, (int) Math.round(image.getHeight() * factor));
        return resize(ImageCodec.toRgb(image), targetW, targetH);
    }

    /**
     * A BGR image resized to w x h: halved with bilinear filtering while the target is at most half,
     * then one bicubic step (none when already at the size).
     */
    public static BufferedImage resize(BufferedImage bgr, int w, int h) {
        BufferedImage current = bgr;
        while (current.getWidth() / 2 >= w && current.getHeight() / 2 >= h) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        return current.getWidth() == w && current.getHeight() == h
                ? current
                : draw(current, w, h, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage draw(BufferedImage source, int w, int h, Object interpolation) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage mapChannels(BufferedImage image, byte[] red, byte[] green, byte[] blue) {
        BufferedImage out = ImageCodec.toRgb(image);
        applyInPlace(pixels(out), red, green, blue);
        return out;
    }

    /** Applies per-channel lookup tables to a packed BGR buffer. */
    private static void applyInPlace(byte[] bgr, byte[] red, byte[] green, byte[] blue) {
        for (int p = 0; p < bgr.length; p += 3) {
            bgr[p] = blue[bgr[p] & 0xFF];
            bgr[p + 1] = green[bgr[p + 1] & 0xFF];
            bgr[p + 2] = red[bgr[p + 2] & 0xFF];
        }
    }

    private static byte[] offsetTable(int levels) {
        byte[] table = new byte[256];
        for (int v = 0; v < 256; v++) {
            table[v] = (byte) clamp((long) v + levels);
        }
        return table;
    }

    private static int clamp(long v) {
        return (int) Math.max(0, Math.min(255, v));
    }

    private static byte[] pixels(BufferedImage bgr) {
        return ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    }
}
