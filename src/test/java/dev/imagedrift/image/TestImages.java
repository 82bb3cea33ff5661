package dev.imagedrift.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/** Builds encoded test images in memory, one pixel format at a time. */
final class TestImages {
    static final Path SAMPLES = Path.of("samples");

    private TestImages() {}

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An image whose pixel (x, y) has colour {@code rgb(x, y)}, of the given BufferedImage type. */
    static BufferedImage image(int type, int width, int height, PixelColour rgb) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb.at(x, y));
            }
        }
        return image;
    }

    @FunctionalInterface
    interface PixelColour {
        int at(int x, int y);
    }

    /** A smooth, varied test pattern (0xRRGGBB). */
    static int pattern(int x, int y) {
        return ((x * 37 + y * 11) & 0xFF) << 16 | ((x * 5 + y * 23) & 0xFF) << 8 | ((x * y + 7) & 0xFF);
    }

    /** An image with a custom colour model over a raster of the given samples, one row-major int per sample. */
    static BufferedImage withSamples(ColorModel cm, int width, int height, int... samples) {
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        raster.setPixels(0, 0, width, height, samples);
        return new BufferedImage(cm, raster, false, null);
    }

    static ComponentColorModel componentModel(int colorSpace, boolean alpha, int dataType) {
        return new ComponentColorModel(ColorSpace.getInstance(colorSpace), alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, dataType);
    }

    static IndexColorModel palette(int bits, int[] reds, int[] greens, int[] blues) {
        byte[] r = new byte[reds.length];
        byte[] g = new byte[reds.length];
        byte[] b = new byte[reds.length];
        for (int i = 0; i < reds.length; i++) {
            r[i] = (byte) reds[i];
            g[i] = (byte) greens[i];
            b[i] = (byte) blues[i];
        }
        return new IndexColorModel(bits, reds.length, r, g, b);
    }

    /** A GIF with one frame per image, in order. */
    static byte[] animatedGif(List<BufferedImage> frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null,
                        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null)), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * A 4-component JPEG (what ImageIO writes for a 4-band raster, read back as CMYK); with an
     * Adobe APP14 marker of the given transform when {@code adobeTransform >= 0} (2 = YCCK).
     */
    static byte[] fourComponentJpeg(int adobeTransform) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 8, 4, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] plain = bytes.toByteArray();
        if (adobeTransform < 0) {
            return plain;
        }
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0,
                (byte) adobeTransform};
        ByteBuffer out = ByteBuffer.allocate(plain.length + app14.length);
        out.put(plain, 0, 2).put(app14).put(plain, 2, plain.length - 2); // right after SOI
        return out.array();
    }

    /** The JPEG with an APP2 ICC_PROFILE segment carrying {@code profile} inserted after SOI. */
    static byte[] withIccProfile(byte[] jpeg, ICC_Profile profile) {
        byte[] data = profile.getData();
        byte[] tag = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + tag.length + 2 + data.length;
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE2).putShort((short) length)
                .put(tag).put((byte) 1).put((byte) 1).put(data).put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** A PNG signature and IHDR chunk (valid CRC) declaring the given size, then IEND: no pixel data. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteBuffer png = ByteBuffer.allocate(8 + 25 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IEND", new byte[0]);
        return png.array();
    }

    private static void chunk(ByteBuffer out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
    }

    static List<Path> sampleFiles(String folder) {
        try (Stream<Path> files = Files.list(SAMPLES.resolve(folder))) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource's bytes, e.g. {@code "webp/photo.png"}. */
    static byte[] readResource(String name) {
        try (var in = TestImages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
