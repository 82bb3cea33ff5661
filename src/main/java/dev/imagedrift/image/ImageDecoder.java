package dev.imagedrift.image;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Decodes encoded images (JPEG, PNG, BMP, GIF, WebP, TIFF) and raw pixel buffers into 8-bit
 * {@link DecodedImage}s, safely: every failure is an {@link ImageRejected} with a stable
 * {@link RejectReason} and a message naming the input.
 *
 * <p>Safety, in order, before a reader allocates anything large:
 * <ol>
 *   <li>Encoded inputs over {@link DecodeLimits#maxEncodedBytes()} are refused unread.</li>
 *   <li>The format comes from its signature ({@link ImageFormat#sniff}) and must be on the
 *       allow-list ({@link DecodeLimits#formats()}); else {@code unknown_format}.</li>
 *   <li>A format inspector of our own reads the header and every size the reader would allocate
 *       from (chunk lengths, strips and tiles, RLE payloads, the GIF screen, the WebP canvas, the
 *       JPEG scan count), refuses what lies outside the input or the limits, and removes metadata
 *       the reader must not parse (ICC profiles, compressed text).</li>
 *   <li>It estimates the bytes the decode takes (raster = width x height x bands x bytes a sample,
 *       plus the reader's working buffers and the 8-bit copy); over
 *       {@link DecodeLimits#maxDecodeBytes()} is {@code too_large}.</li>
 *   <li>The estimate is reserved in the process-wide {@link DecodeMemory}, so all threads together
 *       stay within it; then the reader chosen for the format ({@link ImageReaders}) runs. Its own
 *       view of the size must match the inspector's.</li>
 *   <li>Anything the reader throws becomes an {@link ImageRejected}: exceptions and
 *       {@link Error}s alike ({@link OutOfMemoryError} is {@code too_large}, any other error,
 *       e.g. {@link StackOverflowError}, {@code undecodable}).</li>
 * </ol>
 * ImageIO's disk cache is switched off (no temp files: the container's root filesystem is
 * read-only). Instances hold no mutable state and are safe to share between threads.
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
 *
 * <p>JPEG pixels come from the chosen {@link JpegDecoding} (see {@link #read}): libjpeg-turbo
 * (same pixels, see {@link TurboJpegDecoder}) when present, else ImageIO like every other format.
 * With {@link JpegScaling#FAST} (fast mode, TurboJPEG only) JPEG is decoded at reduced scale; other
 * formats are always decoded whole.
 */
public final class ImageDecoder {
    /** Default pixel limit ({@link DecodeLimits#DEFAULT_MAX_PIXELS}). */
    public static final long DEFAULT_MAX_PIXELS = DecodeLimits.DEFAULT_MAX_PIXELS;
    /** The largest pixel limit that can be honoured ({@link DecodeLimits#MAX_SUPPORTED_PIXELS}). */
    public static final long MAX_SUPPORTED_PIXELS = DecodeLimits.MAX_SUPPORTED_PIXELS;
    /** Default limit on encoded input ({@link DecodeLimits#DEFAULT_MAX_ENCODED_BYTES}). */
    public static final long DEFAULT_MAX_BYTES = DecodeLimits.DEFAULT_MAX_ENCODED_BYTES;

    /** Warnings that do not touch the pixels; every other reader warning rejects the image. */
    private static final List<String> HARMLESS_WARNINGS = List.of(
            "jfif markers not allowed in jfif jpeg thumbnail",
            "embedded color profile is invalid",
            "extraneous bytes before marker",
            // TwelveMonkeys' TIFF reader compares every strip with a full one, also the shorter last
            // strip; TiffInspector checks each uncompressed strip against its own rows instead.
            "strip/tilebytecount < required");

    private static final String UNSUPPORTED_TYPE = "Unsupported Image Type";

    static {
        ImageIO.setUseCache(false);
    }

    private final DecodeLimits limits;
    private final ExifOrientation orientation;
    private final DecodeMemory memory;
    private final JpegDecoding jpeg;
    private final JpegScaling scaling;

    /**
     * The default decode budget and formats with these two limits, EXIF orientation ignored.
     *
     * @param maxPixels largest width x height accepted, from encoded headers and raw buffers alike
     * @param maxBytes  largest encoded input accepted, in bytes
     */
    public ImageDecoder(long maxPixels, long maxBytes) {
        this(DecodeLimits.defaults().withMaxPixels(maxPixels).withMaxEncodedBytes(maxBytes));
    }

    /** These limits, EXIF orientation ignored (as the reference check), the process-wide memory pool. */
    public ImageDecoder(DecodeLimits limits) {
        this(limits, ExifOrientation.IGNORE);
    }

    public ImageDecoder(DecodeLimits limits, ExifOrientation orientation) {
        this(limits, orientation, DecodeMemory.shared());
    }

    /** With its own memory pool instead of the process-wide one (tests, tools); the default JPEG decoder, full size. */
    public ImageDecoder(DecodeLimits limits, ExifOrientation orientation, DecodeMemory memory) {
        this(limits, orientation, memory, JpegDecoding.automatic(), JpegScaling.FULL);
    }

    /** These two limits and the given JPEG decoder and scaling, EXIF orientation ignored, the shared pool. */
    public ImageDecoder(long maxPixels, long maxBytes, JpegDecoding jpeg, JpegScaling scaling) {
        this(DecodeLimits.defaults().withMaxPixels(maxPixels).withMaxEncodedBytes(maxBytes), ExifOrientation.IGNORE,
                DecodeMemory.shared(), jpeg, scaling);
    }

    /**
     * @param jpeg    the JPEG decoder
     * @param scaling full size, or reduced (fast mode: needs a decoder that supports it)
     */
    public ImageDecoder(DecodeLimits limits, ExifOrientation orientation, DecodeMemory memory, JpegDecoding jpeg,
                        JpegScaling scaling) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.orientation = Objects.requireNonNull(orientation, "orientation");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.jpeg = Objects.requireNonNull(jpeg, "jpeg");
        this.scaling = Objects.requireNonNull(scaling, "scaling");
        if (!scaling.isFull() && !jpeg.supportsReducedScale()) {
            throw new IllegalArgumentException("fast mode decodes JPEG at reduced scale, which needs the TurboJPEG "
                    + "decoder; the JPEG decoder here is " + jpeg);
        }
    }

    /** {@link DecodeLimits#defaults()}: 50,000,000 pixels, 64 MiB encoded, a quarter of the heap, all formats. */
    public static ImageDecoder withDefaults() {
        return new ImageDecoder(DecodeLimits.defaults());
    }

    public long maxPixels() { return limits.maxPixels(); }

    public long maxBytes() { return limits.maxEncodedBytes(); }

    public DecodeLimits limits() { return limits; }

    public ExifOrientation exifOrientation() { return orientation; }

    /** The JPEG decoder in use. */
    public JpegDecoding jpegDecoding() { return jpeg; }

    /** Full size, or reduced (fast mode). */
    public JpegScaling scaling() { return scaling; }

    /**
     * Decodes an encoded image.
     *
     * @param bytes the encoded image (the returned image may share no memory with it)
     * @param name  how messages name the input: a path or an event id
     */
    public DecodedImage decode(byte[] bytes, String name) throws ImageRejected {
        return decode(bytes, name, false);
    }

    /** What a caller does with pixels that are only valid during the call. */
    @FunctionalInterface
    public interface PixelUse<T> {
        T apply(DecodedImage image);
    }

    /**
     * Decodes and hands the image to {@code use}, which must not keep it: the pixels may live in a
     * buffer this thread reuses for its next image (no per-image allocation on the hot path).
     */
    public <T> T decodeTransiently(byte[] bytes, String name, PixelUse<T> use) throws ImageRejected {
        return use.apply(decode(bytes, name, true));
    }

    /** {@link #decodeTransiently(byte[], String, PixelUse)} of a file. */
    public <T> T decodeTransiently(Path file, PixelUse<T> use) throws ImageRejected {
        return use.apply(decode(readFile(file), file.toString(), true));
    }

    private DecodedImage decode(byte[] bytes, String name, boolean reuseBuffer) throws ImageRejected {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejected(RejectReason.EMPTY, name + ": empty input (0 bytes)");
        }
        if (bytes.length > limits.maxEncodedBytes()) {
            throw new ImageRejected(RejectReason.TOO_LARGE, name + ": " + bytes.length
                    + " bytes is over the limit of " + limits.maxEncodedBytes() + " bytes");
        }
        DeclaredImage declared = inspect(bytes, name);
        boolean orient = orientation == ExifOrientation.APPLY && declared.orientation() != 1;
        long need = declared.estimatedBytes() + (orient ? Orientation.copyBytes(declared.pixels(), declared.gray()) : 0);
        if (need > limits.maxDecodeBytes()) {
            throw new ImageRejected(RejectReason.TOO_LARGE, name + ": decoding this " + declared.width() + "x"
                    + declared.height() + " " + declared.format() + " takes about " + need
                    + " bytes, over the decode budget of " + limits.maxDecodeBytes() + " bytes");
        }
        try (DecodeMemory.Reservation ignored = memory.reserve(need)) {
            DecodedImage image = read(declared, name, reuseBuffer);
            return orient ? oriented(image, declared.orientation()) : image;
        } catch (ImageRejected e) {
            if (causedByOutOfMemory(e)) { // readers wrap errors too (the PNG reader: "Caught exception during read")
                throw new ImageRejected(RejectReason.TOO_LARGE, name + ": ran out of memory decoding it ("
                        + declared.width() + "x" + declared.height() + " " + declared.format() + ")", e);
            }
            throw e;
        } catch (IOException e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": cannot decode: " + describe(e), e);
        } catch (ByteArrayImageInputStream.ReadPastEnd e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": damaged " + declared.format() + " data: "
                    + e.getMessage(), e);
        } catch (LinkageError e) {
            throw e; // a reader missing from the build: every image would fail, so not this input's fault
        } catch (OutOfMemoryError e) {
            throw new ImageRejected(RejectReason.TOO_LARGE, name + ": ran out of memory decoding it ("
                    + declared.width() + "x" + declared.height() + " " + declared.format() + ")", e);
        } catch (Throwable e) {
            // Readers throw IllegalArgumentException, ArrayIndexOutOfBoundsException, StackOverflowError,
            // ... on corrupt data: input-caused, so this input's rejection, never the caller's crash.
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": decoder failed on corrupt data: "
                    + describe(e), e);
        }
    }

    /** Format, allow-list, header checks: everything decided before a reader runs. */
    DeclaredImage inspect(byte[] bytes, String name) throws ImageRejected {
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == null) {
            throw new ImageRejected(RejectReason.UNKNOWN_FORMAT, name + ": not an image format the decoder reads ("
                    + bytes.length + " bytes starting " + leadingBytes(bytes) + "; formats: " + allowed() + ")");
        }
        if (!limits.formats().contains(format)) {
            throw new ImageRejected(RejectReason.UNKNOWN_FORMAT, name + ": " + format + " is not among the allowed "
                    + "image formats (" + allowed() + ")");
        }
        try {
            return switch (format) {
                case JPEG -> JpegInspector.inspect(bytes, limits);
                case PNG -> PngInspector.inspect(bytes, limits);
                case BMP -> BmpInspector.inspect(bytes, limits);
                case GIF -> GifInspector.inspect(bytes, limits);
                case WEBP -> WebpInspector.inspect(bytes, limits);
                case TIFF -> TiffInspector.inspect(bytes, limits);
            };
        } catch (HeaderProblem e) {
            throw new ImageRejected(e.reason(), name + ": " + e.getMessage());
        }
    }

    private String allowed() {
        return limits.formats().stream().sorted().map(ImageFormat::id).collect(Collectors.joining(", "));
    }

    /** The image turned upright; a reduced-scale image keeps its full size, turned the same way. */
    private static DecodedImage oriented(DecodedImage image, int exifOrientation) {
        DecodedImage upright = Orientation.apply(image, exifOrientation);
        if (!image.isScaled()) {
            return upright;
        }
        boolean turned = upright.width() != image.width() || upright.height() != image.height();
        return turned ? upright.scaledFrom(image.sourceHeight(), image.sourceWidth())
                : upright.scaledFrom(image.sourceWidth(), image.sourceHeight());
    }

    /**
     * Runs the format's reader on the inspected input. The one place where a format's pixels are
     * produced: JPEG goes to libjpeg-turbo when it is the chosen decoder.
     */
    private DecodedImage read(DeclaredImage declared, String name, boolean reuseBuffer)
            throws IOException, ImageRejected {
        if (declared.format() == ImageFormat.JPEG && jpeg.turbo() != null) {
            DecodedImage image = jpeg.turbo().decode(declared.readerInput(), name, limits.maxPixels(), scaling,
                    reuseBuffer);
            if (image != null) {
                return image;
            } // else a header libjpeg-turbo cannot read: ImageIO gives the verdict below
        }
        ImageReader reader = ImageReaders.create(declared.format());
        try (ImageInputStream in = new ByteArrayImageInputStream(declared.readerInput())) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width != declared.width() || height != declared.height()) {
                // Two parsers disagreeing on the size is how a crafted file slips past a check.
                throw new ImageRejected(RejectReason.UNDECODABLE, name + ": header declares " + declared.width()
                        + "x" + declared.height() + " but the " + declared.format() + " reader sees " + width + "x"
                        + height);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            if (declared.format() == ImageFormat.TIFF || declared.format() == ImageFormat.WEBP) {
                // The stored samples, never a colour-converted default type.
                ImageTypeSpecifier raw = reader.getRawImageType(0);
                if (raw != null) {
                    param.setDestinationType(raw);
                }
            }
            return readFirstImage(reader, param, declared, name);
        } catch (IIOException e) {
            if (UNSUPPORTED_TYPE.equals(e.getMessage())) {
                // ImageIO's JPEG reader says this for colour layouts it has no pixel type for.
                throw new ImageRejected(RejectReason.UNSUPPORTED_PIXEL_FORMAT, name + ": colour layout not "
                        + "supported by the decoder (for example an Adobe 4-component JPEG); convert it to RGB", e);
            }
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": cannot decode: " + describe(e), e);
        } finally {
            reader.dispose();
        }
    }

    /** Reads and decodes a file; the path names it in messages. Files over the byte limit are not read. */
    public DecodedImage decode(Path file) throws ImageRejected {
        return decode(readFile(file), file.toString());
    }

    /** The file's bytes; files over the byte limit are not read. */
    private byte[] readFile(Path file) throws ImageRejected {
        String name = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > limits.maxEncodedBytes()) {
                throw new ImageRejected(RejectReason.TOO_LARGE, name + ": " + size
                        + " bytes is over the limit of " + limits.maxEncodedBytes() + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": cannot read file: no such file", e);
        } catch (AccessDeniedException e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": cannot read file: permission denied", e);
        } catch (IOException e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": cannot read file: " + describe(e), e);
        }
        return bytes;
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
        if (pixelCount > limits.maxPixels()) {
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

    private static DecodedImage readFirstImage(ImageReader reader, ImageReadParam param, DeclaredImage declared,
                                               String name) throws IOException, ImageRejected {
        List<String> damage = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> {
            if (!isHarmless(warning)) {
                damage.add(warning);
            }
        });
        BufferedImage decoded = reader.read(0, param);
        if (decoded.getWidth() != declared.width() || decoded.getHeight() != declared.height()) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": the " + declared.format() + " reader produced "
                    + decoded.getWidth() + "x" + decoded.getHeight() + " instead of the declared "
                    + declared.width() + "x" + declared.height());
        }
        DecodedImage image = BufferedImagePixels.view(decoded, name);
        if (!damage.isEmpty()) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": damaged " + reader.getFormatName()
                    + " data (" + String.join("; ", damage) + ")");
        }
        return image;
    }

    static boolean isHarmless(String warning) {
        String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
        return HARMLESS_WARNINGS.stream().anyMatch(w::contains);
    }

    private ImageRejected tooManyPixels(String name, int width, int height) {
        return tooManyPixels(name, width, height, limits.maxPixels());
    }

    static ImageRejected tooManyPixels(String name, int width, int height, long maxPixels) {
        return new ImageRejected(RejectReason.TOO_LARGE, name + ": " + width + "x" + height + " = "
                + (long) width * height + " pixels is over the limit of " + maxPixels + " pixels");
    }

    /** Whether an OutOfMemoryError is among the first causes (a bounded walk: cause chains can loop). */
    private static boolean causedByOutOfMemory(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
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
