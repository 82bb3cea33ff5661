package dev.imagedrift.image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Interim decoder (replaced by the images branch). */
public final class ImageDecoder {
    private final long maxPixels;
    private final long maxBytes;

    public ImageDecoder(long maxPixels, long maxBytes) {
        this.maxPixels = maxPixels;
        this.maxBytes = maxBytes;
    }

    public static ImageDecoder withDefaults() {
        return new ImageDecoder(50_000_000L, 64L * 1024 * 1024);
    }

    public DecodedImage decode(Path file) throws ImageRejected {
        try {
            return decode(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, file + ": " + e.getMessage(), e);
        }
    }

    public DecodedImage decode(byte[] bytes, String name) throws ImageRejected {
        if (bytes.length == 0) throw new ImageRejected(RejectReason.EMPTY, name + ": empty");
        if (bytes.length > maxBytes) throw new ImageRejected(RejectReason.TOO_LARGE, name + ": too many bytes");
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": " + e.getMessage(), e);
        }
        if (img == null) throw new ImageRejected(RejectReason.UNKNOWN_FORMAT, name + ": unknown format");
        if ((long) img.getWidth() * img.getHeight() > maxPixels) {
            throw new ImageRejected(RejectReason.TOO_LARGE, name + ": too many pixels");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        return DecodedImage.rgb(w, h, rgb);
    }

    public DecodedImage fromRaw(int width, int height, int channels, byte[] pixels, String name) throws ImageRejected {
        if (width <= 0 || height <= 0 || (channels != 1 && channels != 3 && channels != 4)
                || (long) width * height * channels != pixels.length) {
            throw new ImageRejected(RejectReason.BAD_RAW_BUFFER, name + ": bad raw buffer");
        }
        if ((long) width * height > maxPixels) throw new ImageRejected(RejectReason.TOO_LARGE, name + ": too many pixels");
        return switch (channels) {
            case 1 -> DecodedImage.gray(width, height, pixels);
            case 3 -> DecodedImage.rgb(width, height, pixels);
            default -> DecodedImage.color(width, height, pixels, 4, 4 * width, 0, 1, 2);
        };
    }
}
