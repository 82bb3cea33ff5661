package dev.imagedrift.image;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Decodes encoded images (JPEG, PNG, BMP, GIF, TIFF, WBMP: whatever {@code javax.imageio} reads)
 * and raw pixel buffers into 8-bit {@link DecodedImage}s, safely: every failure is an
 * {@link ImageRejected} with a stable {@link RejectReason} and a message naming the input.
 *
 * <p>Safety. The header is read first and an image declaring more than {@code maxPixels} pixels
 * is refused before any pixel buffer is allocated (a PNG declaring 60000x60000: tens of microseconds);
 * encoded inputs over {@code maxBytes} are refused unread. Exceptions that image readers throw on
 * corrupt data (including RuntimeExceptions) become {@link RejectReason#UNDECODABLE}. ImageIO's
 * disk cache is switched off (no temp files: the container's root filesystem is read-only).
 * Instances hold no mutable state and are safe to share between threads.
 *
 * <p>Pixel formats (the properties need 8-bit RGB or gray). No colour management: the stored
 * sample values are used as the reference check (PIL) uses them. An embedded ICC profile is not
 * applied (ImageIO's JPEG reader would convert such a JPEG to sRGB, slowly: the decoder removes the
 * profile segments first, see {@link JpegIccProfiles}), and gray is not gamma-converted:
 * <ul>
 *   <li>8-bit RGB and gray (most JPEG, PNG, BMP): used as stored, wrapped without a copy.</li>
 *   <li>Alpha channel (RGBA PNG, 32-bit BMP): ignored; the colour samples are used as stored,
 *       not composited over any background.</li>
 *   <li>Gray + alpha: gray (alpha ignored).</li>
 *   <li>Palette / indexed (GIF, palette PNG, 4- and 8-bit BMP): expanded through the palette
 *       (palette alpha ignored). A palette whose entries are all gray gives a gray image, any
 *       other palette an RGB image. GIF: the first frame.</li>
 *   <li>1-bit / binary (and 2- or 4-bit gray): a gray image with the palette's levels, so black
 *       and white are 0 and 255.</li>
 *   <li>16-bit samples (PNG, TIFF): scaled to the nearest 8-bit level, round(v / 257), which
 *       maps 8-bit data stored as 16 bits back exactly. Other bit depths up to 16 scale the same
 *       way (round(v * 255 / (2^bits - 1))).</li>
 *   <li>CMYK / YCCK JPEG and other non-RGB colour spaces: refused with
 *       {@link RejectReason#UNSUPPORTED_PIXEL_FORMAT}. Converting them needs the producer's ICC
 *       profile (and Adobe's inverted-CMYK convention); a naive formula would give colours, and
 *       so brightness and relative intensities, that no RGB training image has, i.e. invented
 *       drift. Refusing makes the problem visible in the dead-letter counts instead.</li>
 *   <li>Floating-point or wider-than-16-bit samples: refused (UNSUPPORTED_PIXEL_FORMAT).</li>
 * </ul>
 *
 * <p>Damaged data. Readers that fill missing data with gray instead of failing (ImageIO's JPEG
 * reader on a truncated file) report a warning; any warning other than a few harmless metadata
 * ones makes the image {@link RejectReason#UNDECODABLE}, because a half-gray image would look like
 * drift.
 */
public final class ImageDecoder {
    /** Default pixel limit: 50 megapixels (an 8-bit RGB raster of that size is 150 MB). */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    /** The largest limit that can be honoured: a 4-byte-a-pixel raster must fit in one Java array. */
    public static final long MAX_SUPPORTED_PIXELS = (Integer.MAX_VALUE - 8) / 4;
    /** Default limit on encoded input: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    /** Warnings that do not touch the pixels; every other reader warning rejects the image. */
    private static final List<String> HARMLESS_WARNINGS = List.of(
            "jfif markers not allowed in jfif jpeg thumbnail",
            "embedded color profile is invalid",
            "extraneous bytes before marker");

    private static final String UNSUPPORTED_TYPE = "Unsupported Image Type";

    static {
        ImageIO.setUseCache(false);
    }

    private final long maxPixels;
    private final long maxBytes;

    /**
     * @param maxPixels largest width x height accepted, from encoded headers and raw buffers alike
     * @param maxBytes  largest encoded input accepted, in bytes
     */
    public ImageDecoder(long maxPixels, long maxBytes) {
        if (maxPixels <= 0 || maxPixels > MAX_SUPPORTED_PIXELS) {
            throw new IllegalArgumentException("maxPixels must be in 1.." + MAX_SUPPORTED_PIXELS + ": " + maxPixels);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxPixels = maxPixels;
        this.maxBytes = maxBytes;
    }

    /** 50,000,000 pixels and 64 MiB. */
    public static ImageDecoder withDefaults() {
        return new ImageDecoder(DEFAULT_MAX_PIXELS, DEFAULT_MAX_BYTES);
    }

    public long maxPixels() { return maxPixels; }

    public long maxBytes() { return maxBytes; }

    /**
     * Decodes an encoded image.
     *
     * @param bytes the encoded image (the returned image may share no memory with it)
     * @param name  how messages name the input: a path or an event id
     */
    public DecodedImage decode(byte[] bytes, String name) throws ImageRejected {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejected(RejectReason.EMPTY, name + ": empty input (0 bytes)");
        }
        if (bytes.length > maxBytes) {
            throw new ImageRejected(RejectReason.TOO_LARGE, name + ": " + bytes.length
                    + " bytes is over the limit of " + maxBytes + " bytes");
        }
        try (ImageInputStream in = new ByteArrayImageInputStream(JpegIccProfiles.strip(bytes))) {
            ImageReader reader = firstReader(in, bytes, name);
            try {
                reader.setInput(in, true, true);
                checkDeclaredSize(reader, name);
                return readFirstImage(reader, name);
            } finally {
                reader.dispose();
            }
        } catch (IIOException e) {
            if (UNSUPPORTED_TYPE.equals(e.getMessage())) {
                // ImageIO's JPEG reader says this for colour layouts it has no pixel type for.
                throw new ImageRejected(RejectReason.UNSUPPORTED_PIXEL_FORMAT, name + ": colour layout not "
                        + "supported by the decoder (for example an Adobe 4-component JPEG); convert it to RGB", e);
            }
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": cannot decode: " + describe(e), e);
        } catch (IOException e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": cannot decode: " + describe(e), e);
        } catch (RuntimeException e) {
            // Readers throw IllegalArgumentException, ArrayIndexOutOfBoundsException, ... on corrupt data.
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": decoder failed on corrupt data: "
                    + describe(e), e);
        }
    }

    /** Reads and decodes a file; the path names it in messages. Files over the byte limit are not read. */
    public DecodedImage decode(Path file) throws ImageRejected {
        String name = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ImageRejected(RejectReason.TOO_LARGE, name + ": " + size
                        + " bytes is over the limit of " + maxBytes + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": cannot read file: no such file", e);
        } catch (AccessDeniedException e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": cannot read file: permission denied", e);
        } catch (IOException e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": cannot read file: " + describe(e), e);
        }
        return decode(bytes, name);
    }

    /**
     * Wraps a raw pixel buffer (no copy: do not modify {@code pixels} afterwards).
     *
     * @param channels 1 = gray, 3 = RGB, 4 = RGBA (alpha ignored); samples interleaved, rows packed
     */
    public DecodedImage fromRaw(int width, int height, int channels, byte[] pixels, String name)
            throws ImageRejected {
        if (width <= 0 || height <= 0) {
            throw new ImageRejected(RejectReason.BAD_RAW_BUFFER, name + ": raw image dimensions must be positive, got "
                    + width + "x" + height);
        }
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new ImageRejected(RejectReason.BAD_RAW_BUFFER, name + ": raw images have 1 (gray), 3 (RGB) or "
                    + "4 (RGBA) channels, got " + channels);
        }
        long pixelCount = (long) width * height;
        if (pixelCount > maxPixels) {
            throw tooManyPixels(name, width, height);
        }
        long expected = pixelCount * channels;
        if (pixels == null || pixels.length != expected) {
            throw new ImageRejected(RejectReason.BAD_RAW_BUFFER, name + ": a " + width + "x" + height + " image with "
                    + channels + " channel(s) needs " + expected + " bytes, got "
                    + (pixels == null ? "none" : pixels.length));
        }
        return switch (channels) {
            case 1 -> DecodedImage.gray(width, height, pixels);
            case 3 -> DecodedImage.rgb(width, height, pixels);
            default -> DecodedImage.color(width, height, pixels, 4, 4 * width, 0, 1, 2);
        };
    }

    private static ImageReader firstReader(ImageInputStream in, byte[] bytes, String name) throws ImageRejected {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageRejected(RejectReason.UNKNOWN_FORMAT, name + ": not an image format any installed decoder "
                    + "recognises (" + bytes.length + " bytes starting " + leadingBytes(bytes) + ")");
        }
        return readers.next();
    }

    /** Refuses an image from its header alone, before the reader allocates its raster. */
    private void checkDeclaredSize(ImageReader reader, String name) throws IOException, ImageRejected {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": header declares an empty image ("
                    + width + "x" + height + ")");
        }
        if ((long) width * height > maxPixels) {
            throw tooManyPixels(name, width, height);
        }
    }

    private static DecodedImage readFirstImage(ImageReader reader, String name) throws IOException, ImageRejected {
        List<String> damage = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> {
            if (!isHarmless(warning)) {
                damage.add(warning);
            }
        });
        DecodedImage image = BufferedImagePixels.view(reader.read(0), name);
        if (!damage.isEmpty()) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": damaged " + reader.getFormatName()
                    + " data (" + String.join("; ", damage) + ")");
        }
        return image;
    }

    private static boolean isHarmless(String warning) {
        String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
        return HARMLESS_WARNINGS.stream().anyMatch(w::contains);
    }

    private ImageRejected tooManyPixels(String name, int width, int height) {
        return new ImageRejected(RejectReason.TOO_LARGE, name + ": " + width + "x" + height + " = "
                + (long) width * height + " pixels is over the limit of " + maxPixels + " pixels");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (e instanceof IIOException && message != null) {
            return message;
        }
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    private static String leadingBytes(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes, 0, Math.min(8, bytes.length));
    }
}
