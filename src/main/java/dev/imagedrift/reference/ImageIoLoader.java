package dev.imagedrift.reference;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.image.RejectReason;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * An {@link ImageLoader} on plain {@code javax.imageio}. Refuses files over a byte limit before
 * reading them and images over a pixel limit from their header, before any pixel is decoded, so
 * a hostile header cannot exhaust memory. Every failure of ImageIO becomes an {@link ImageRejected}
 * naming the file; a truncated JPEG, which ImageIO decodes with only a warning, is refused too.
 * Stateless and thread-safe. Only the first frame of an animated GIF is read.
 */
public final class ImageIoLoader implements ImageLoader {
    /** Default pixel limit: 50 megapixels (about 150 MB of RGB). */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    /** Default file size limit: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    /** The largest pixel limit whose 4-byte-per-pixel buffer still fits in one Java array. */
    public static final long MAX_SUPPORTED_PIXELS = (Integer.MAX_VALUE - 8) / 4;

    private final long maxPixels;
    private final long maxBytes;

    public ImageIoLoader(long maxPixels, long maxBytes) {
        if (maxPixels < 1 || maxPixels > MAX_SUPPORTED_PIXELS) {
            throw new IllegalArgumentException("maxPixels must be in 1.." + MAX_SUPPORTED_PIXELS + ", got " + maxPixels);
        }
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes must be in 1.." + (Integer.MAX_VALUE - 8) + ", got " + maxBytes);
        }
        this.maxPixels = maxPixels;
        this.maxBytes = maxBytes;
    }

    public static ImageIoLoader withDefaults() {
        return new ImageIoLoader(DEFAULT_MAX_PIXELS, DEFAULT_MAX_BYTES);
    }

    public long maxPixels() { return maxPixels; }

    public long maxBytes() { return maxBytes; }

    @Override
    public DecodedImage load(Path file) throws ImageRejected {
        byte[] bytes = readBounded(file);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, file);
            try {
                reader.setInput(in, true, true);
                checkDimensions(reader, file);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                refuseTruncated(warnings, file);
                return BufferedImageConversion.toDecodedImage(image);
            } finally {
                reader.dispose();
            }
        } catch (ImageRejected e) {
            throw e;
        } catch (IIOException e) {
            throw new ImageRejected(reasonOf(e), file + ": cannot decode: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // ImageIO's plug-ins throw unchecked exceptions (index, negative size, ...) on corrupt data.
            throw new ImageRejected(RejectReason.UNDECODABLE, file + ": cannot decode: " + e, e);
        }
    }

    private byte[] readBounded(Path file) throws ImageRejected {
        if (!Files.isRegularFile(file)) {
            throw new ImageRejected(RejectReason.UNDECODABLE, file + ": not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit rather than trusting the size reported before reading.
            bytes = in.readNBytes((int) maxBytes + 1);
        } catch (IOException e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, file + ": cannot read: " + e, e);
        }
        if (bytes.length == 0) {
            throw new ImageRejected(RejectReason.EMPTY, file + ": file is empty (0 bytes)");
        }
        if (bytes.length > maxBytes) {
            throw new ImageRejected(RejectReason.TOO_LARGE, file + ": file is over the limit of " + maxBytes + " bytes");
        }
        return bytes;
    }

    private static ImageReader readerFor(ImageInputStream in, Path file) throws ImageRejected {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageRejected(RejectReason.UNKNOWN_FORMAT, file + ": not an image format ImageIO can read");
        }
        return readers.next();
    }

    private void checkDimensions(ImageReader reader, Path file) throws IOException, ImageRejected {
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
            throw new ImageRejected(RejectReason.UNDECODABLE, file + ": header declares " + width + "x" + height);
        }
        if (width * height > maxPixels) {
            throw new ImageRejected(RejectReason.TOO_LARGE, file + ": header declares " + width + "x" + height
                    + " = " + width * height + " pixels, over the limit of " + maxPixels);
        }
    }

    /** libjpeg decodes a truncated file by filling the rest with gray and only warns; such pixels are not the image. */
    private static void refuseTruncated(List<String> warnings, Path file) throws ImageRejected {
        for (String warning : warnings) {
            String w = warning.toLowerCase(Locale.ROOT);
            if (w.contains("truncated") || w.contains("premature end")) {
                throw new ImageRejected(RejectReason.UNDECODABLE, file + ": truncated: " + warning);
            }
        }
    }

    private static RejectReason reasonOf(IIOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("unsupported image type") ? RejectReason.UNSUPPORTED_PIXEL_FORMAT
                : RejectReason.UNDECODABLE;
    }
}
