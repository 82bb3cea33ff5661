package dev.imagedrift.image;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the decoder may decode, and how much it may allocate doing it, decided from the header
 * before anything large is allocated.
 *
 * @param maxPixels       largest width x height, from encoded headers and raw buffers alike
 * @param maxEncodedBytes largest encoded input, in bytes (refused unread)
 * @param maxDecodeBytes  largest memory one decode may take: the reader's raster (width x height x
 *                        bands x bytes a sample), its working buffers (a progressive JPEG's
 *                        coefficients, a TIFF tile, a WebP decoder's macroblocks) and the 8-bit
 *                        copy, as estimated per format from the declared sizes
 * @param formats         the allow-list of formats; anything else is {@code unknown_format}
 */
public record DecodeLimits(long maxPixels, long maxEncodedBytes, long maxDecodeBytes, Set<ImageFormat> formats) {
    /** Default pixel limit: 50 megapixels (an 8-bit RGB raster of that size is 150 MB). */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    /** The largest pixel limit that can be honoured: a 4-byte-a-pixel raster must fit in one Java array. */
    public static final long MAX_SUPPORTED_PIXELS = (Integer.MAX_VALUE - 8) / 4;
    /** Default limit on encoded input: 64 MiB. */
    public static final long DEFAULT_MAX_ENCODED_BYTES = 64L * 1024 * 1024;
    /**
     * The default decode budget is the heap divided by this: a quarter of {@code -Xmx}. Why a
     * quarter: the other three quarters hold what the service needs anyway (Kafka Streams' record
     * caches and buffers, the reservoirs, the detector's training copies, G1's headroom); 512 MiB
     * of heap then decodes up to 128 MiB at once, which holds a 40-megapixel 8-bit RGB JPEG or a
     * 10-megapixel 16-bit RGBA PNG, far beyond camera frames. The same number bounds all threads'
     * decodes together ({@link DecodeMemory}).
     */
    public static final int HEAP_SHARE_DIVISOR = 4;
    /** The budget when the JVM reports no heap limit at all. */
    static final long UNBOUNDED_HEAP_BUDGET = 1L << 30;

    public DecodeLimits {
        if (maxPixels <= 0 || maxPixels > MAX_SUPPORTED_PIXELS) {
            throw new IllegalArgumentException("maxPixels must be in 1.." + MAX_SUPPORTED_PIXELS + ": " + maxPixels);
        }
        if (maxEncodedBytes <= 0) {
            throw new IllegalArgumentException("maxEncodedBytes must be positive: " + maxEncodedBytes);
        }
        if (maxDecodeBytes <= 0) {
            throw new IllegalArgumentException("maxDecodeBytes must be positive: " + maxDecodeBytes);
        }
        Objects.requireNonNull(formats, "formats");
        formats = formats.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(formats));
    }

    /** The defaults: 50 megapixels, 64 MiB encoded, a quarter of the heap, every supported format. */
    public static DecodeLimits defaults() {
        return new DecodeLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_ENCODED_BYTES, defaultMaxDecodeBytes(),
                ImageFormat.all());
    }

    /** {@code Runtime.maxMemory() / HEAP_SHARE_DIVISOR} (1 GiB if the heap has no limit). */
    public static long defaultMaxDecodeBytes() {
        long heap = Runtime.getRuntime().maxMemory();
        return heap == Long.MAX_VALUE ? UNBOUNDED_HEAP_BUDGET : Math.max(1, heap / HEAP_SHARE_DIVISOR);
    }

    public DecodeLimits withMaxPixels(long pixels) {
        return new DecodeLimits(pixels, maxEncodedBytes, maxDecodeBytes, formats);
    }

    public DecodeLimits withMaxEncodedBytes(long bytes) {
        return new DecodeLimits(maxPixels, bytes, maxDecodeBytes, formats);
    }

    public DecodeLimits withMaxDecodeBytes(long bytes) {
        return new DecodeLimits(maxPixels, maxEncodedBytes, bytes, formats);
    }

    public DecodeLimits withFormats(Set<ImageFormat> allowed) {
        return new DecodeLimits(maxPixels, maxEncodedBytes, maxDecodeBytes, allowed);
    }
}
