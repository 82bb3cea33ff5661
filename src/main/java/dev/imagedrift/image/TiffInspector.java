package dev.imagedrift.image;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * TIFF: walks every directory the reader may parse (the IFD chain, SubIFDs, EXIF, GPS and
 * interoperability directories), checks that every tag's values lie inside the input, and checks
 * the first image's geometry before TwelveMonkeys' reader sees a byte.
 *
 * <ul>
 *   <li>Directories: at most {@link #MAX_DIRECTORIES}, no loops; at most {@link #MAX_VALUES} tag
 *       values in all (the reader turns each into an object).</li>
 *   <li>Allowed: compression none, LZW, deflate, PackBits; photometric WhiteIsZero, BlackIsZero,
 *       RGB, palette; unsigned 1, 2, 4, 8 or 16-bit samples. Other compressions (JPEG, CCITT, ...)
 *       are not decoded ({@code unknown_format}); other colour spaces and sample formats are
 *       {@code unsupported_pixel_format}, as for JPEG.</li>
 *   <li>Strips and tiles: as many offsets and byte counts as the geometry needs, each inside the
 *       input; a tile within the pixel limit. The estimate counts one decoded tile or strip.</li>
 * </ul>
 */
final class TiffInspector {
    static final int TAG_ORIENTATION = 274;
    /** Most directories walked in one file. */
    static final int MAX_DIRECTORIES = 64;
    /** Most tag values in one file, over all directories. */
    static final long MAX_VALUES = 1L << 22;

    private static final int WIDTH = 256;
    private static final int LENGTH = 257;
    private static final int BITS_PER_SAMPLE = 258;
    private static final int COMPRESSION = 259;
    private static final int PHOTOMETRIC = 262;
    private static final int STRIP_OFFSETS = 273;
    private static final int SAMPLES_PER_PIXEL = 277;
    private static final int ROWS_PER_STRIP = 278;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int PLANAR = 284;
    private static final int COLOR_MAP = 320;
    private static final int TILE_WIDTH = 322;
    private static final int TILE_LENGTH = 323;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    private static final int SUB_IFDS = 330;
    private static final int SAMPLE_FORMAT = 339;
    private static final Set<Integer> POINTERS = Set.of(SUB_IFDS, 34665, 34853, 40965);
    private static final Set<Long> COMPRESSIONS = Set.of(1L, 5L, 8L, 32946L, 32773L);
    /** Bytes a value of each TIFF field type takes (types 1..13). */
    private static final int[] TYPE_SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4};
    /** Heap the reader takes for one parsed tag value (boxed numbers, rationals, arrays). */
    private static final long BYTES_PER_VALUE = 32;

    private TiffInspector() {}

    /** One directory entry: where its values are, how many, of what type. */
    private record Entry(int type, long count, long at) {}

    static DeclaredImage inspect(byte[] input, DecodeLimits limits) {
        HeaderBytes b = new HeaderBytes(input, input[0] == 'I');
        Map<Integer, Entry> image = null;
        Deque<Long> todo = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        todo.add(b.u32(4));
        long values = 0;
        int directories = 0;
        while (!todo.isEmpty()) {
            long ifd = todo.pop();
            if (!seen.add(ifd)) {
                throw HeaderProblem.undecodable("TIFF directories form a loop (offset " + ifd + " again)");
            }
            if (++directories > MAX_DIRECTORIES) {
                throw HeaderProblem.tooLarge("TIFF has more than " + MAX_DIRECTORIES + " directories");
            }
            b.require(ifd, 2, "TIFF directory");
            int n = b.u16(ifd);
            b.require(ifd + 2, 12L * n + 4, "TIFF directory of " + n + " entries");
            Map<Integer, Entry> entries = new HashMap<>();
            for (int i = 0; i < n; i++) {
                long e = ifd + 2 + 12L * i;
                int tag = b.u16(e);
                int type = b.u16(e + 2);
                long count = b.u32(e + 4);
                values += count;
                if (values > MAX_VALUES) {
                    throw HeaderProblem.tooLarge("TIFF tags declare more than " + MAX_VALUES + " values");
                }
                long bytes = count * (type < TYPE_SIZE.length && type > 0 ? TYPE_SIZE[type] : 1);
                long at = bytes <= 4 ? e + 8 : b.u32(e + 8);
                b.require(at, bytes, "TIFF tag " + tag + " values");
                Entry entry = new Entry(type, count, at);
                entries.put(tag, entry);
                if (POINTERS.contains(tag) && (type == 4 || type == 13)) {
                    for (long k = 0; k < count; k++) {
                        todo.add(number(b, entry, k));
                    }
                }
            }
            long next = b.u32(ifd + 2 + 12L * n);
            if (next != 0) {
                todo.add(next);
            }
            if (image == null) {
                image = entries;
            }
        }
        return firstImage(b, image, limits, values, directories);
    }

    private static DeclaredImage firstImage(HeaderBytes b, Map<Integer, Entry> tags, DecodeLimits limits,
                                            long values, int directories) {
        long width = required(b, tags, WIDTH, "ImageWidth");
        long height = required(b, tags, LENGTH, "ImageLength");
        DeclaredImage.checkPixels(width, height, limits, "image");
        long compression = optional(b, tags, COMPRESSION, 1);
        if (!COMPRESSIONS.contains(compression)) {
            throw HeaderProblem.variant("TIFF compression " + compression
                    + " is not supported (none, LZW, deflate and PackBits are)");
        }
        long photometric = required(b, tags, PHOTOMETRIC, "PhotometricInterpretation");
        if (photometric > 3) {
            throw HeaderProblem.unsupported("TIFF photometric interpretation " + photometric
                    + " (CMYK, YCbCr, Lab, ...) is not supported; the properties need RGB, gray or palette");
        }
        long samples = optional(b, tags, SAMPLES_PER_PIXEL, 1);
        long colours = photometric == 2 ? 3 : 1;
        if (samples < colours || samples > colours + 4) {
            throw HeaderProblem.undecodable("TIFF with " + samples + " samples a pixel for photometric " + photometric);
        }
        long bits = sameForEverySample(b, tags, BITS_PER_SAMPLE, samples, 1, "BitsPerSample");
        if (bits != 1 && bits != 2 && bits != 4 && bits != 8 && bits != 16) {
            throw HeaderProblem.unsupported("TIFF with " + bits + "-bit samples (1, 2, 4, 8 or 16 are supported)");
        }
        if (sameForEverySample(b, tags, SAMPLE_FORMAT, samples, 1, "SampleFormat") != 1) {
            throw HeaderProblem.unsupported("TIFF with signed or floating-point samples");
        }
        if (photometric == 3 && (samples != 1 || bits > 8 || !tags.containsKey(COLOR_MAP))) {
            throw HeaderProblem.undecodable("TIFF palette image needs one sample of at most 8 bits and a ColorMap");
        }
        long planar = optional(b, tags, PLANAR, 1);
        if (planar != 1 && planar != 2) {
            throw HeaderProblem.undecodable("TIFF planar configuration " + planar);
        }
        long planes = planar == 2 ? samples : 1;
        long samplesPerUnit = planar == 2 ? 1 : samples;

        boolean tiled = tags.containsKey(TILE_WIDTH) || tags.containsKey(TILE_OFFSETS);
        long unitWidth;
        long unitHeight;
        long units;
        Entry offsets;
        Entry counts;
        if (tiled) {
            unitWidth = required(b, tags, TILE_WIDTH, "TileWidth");
            unitHeight = required(b, tags, TILE_LENGTH, "TileLength");
            DeclaredImage.checkPixels(unitWidth, unitHeight, limits, "tile");
            units = ceilDiv(width, unitWidth) * ceilDiv(height, unitHeight) * planes;
            offsets = tags.get(TILE_OFFSETS);
            counts = tags.get(TILE_BYTE_COUNTS);
        } else {
            unitWidth = width;
            unitHeight = Math.min(height, Math.max(1, optional(b, tags, ROWS_PER_STRIP, height)));
            units = ceilDiv(height, unitHeight) * planes;
            offsets = tags.get(STRIP_OFFSETS);
            counts = tags.get(STRIP_BYTE_COUNTS);
        }
        String kind = tiled ? "tile" : "strip";
        if (offsets == null || counts == null || offsets.count() != units || counts.count() != units) {
            throw HeaderProblem.undecodable("TIFF needs " + units + " " + kind + " offsets and byte counts, has "
                    + (offsets == null ? 0 : offsets.count()) + " and " + (counts == null ? 0 : counts.count()));
        }
        long largestUnit = 0;
        long rowBytes = ceilDiv(unitWidth * samplesPerUnit * bits, 8);
        long unitsDown = ceilDiv(height, unitHeight);
        for (long i = 0; i < units; i++) {
            long at = number(b, offsets, i);
            long size = number(b, counts, i);
            b.require(at, size, "TIFF " + kind + " " + i);
            largestUnit = Math.max(largestUnit, size);
            if (compression == 1) {
                // Uncompressed: the unit must hold all its rows (a strip at the bottom has fewer).
                long row = tiled ? i / ceilDiv(width, unitWidth) % unitsDown : i % unitsDown;
                long rows = tiled ? unitHeight : Math.min(unitHeight, height - row * unitHeight);
                if (size < rowBytes * rows) {
                    throw HeaderProblem.undecodable("TIFF " + kind + " " + i + " has " + size + " bytes, its "
                            + rows + " rows need " + rowBytes * rows);
                }
            }
        }

        long pixels = width * height;
        long raster = ceilDiv(width * samplesPerUnit * bits, 8) * height * planes;
        long unitBytes = ceilDiv(unitWidth * samplesPerUnit * bits, 8) * unitHeight;
        boolean gray = photometric != 2 && photometric != 3;
        boolean zeroCopy = bits == 8 && planar == 1 && (photometric == 1 || photometric == 2);
        long copy = zeroCopy ? 0 : pixels * (gray ? 1 : 3);
        long working = 2 * unitBytes + largestUnit + 64 * 1024;
        long metadata = values * BYTES_PER_VALUE + directories * 4096L;
        long estimate = raster + copy + working + metadata;
        int orientation = (int) optional(b, tags, TAG_ORIENTATION, 1);
        return new DeclaredImage(ImageFormat.TIFF, (int) width, (int) height, gray, estimate,
                orientation >= 1 && orientation <= 8 ? orientation : 1, b.array());
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static long required(HeaderBytes b, Map<Integer, Entry> tags, int tag, String name) {
        Entry e = tags.get(tag);
        if (e == null || e.count() < 1) {
            throw HeaderProblem.undecodable("TIFF lacks the " + name + " tag");
        }
        return number(b, e, 0);
    }

    private static long optional(HeaderBytes b, Map<Integer, Entry> tags, int tag, long fallback) {
        Entry e = tags.get(tag);
        return e == null || e.count() < 1 ? fallback : number(b, e, 0);
    }

    /** The tag's value for every sample (one value may stand for all); refuses differing values. */
    private static long sameForEverySample(HeaderBytes b, Map<Integer, Entry> tags, int tag, long samples,
                                           long fallback, String name) {
        Entry e = tags.get(tag);
        if (e == null || e.count() < 1) {
            return fallback;
        }
        long first = number(b, e, 0);
        for (long i = 1; i < Math.min(e.count(), samples); i++) {
            if (number(b, e, i) != first) {
                throw HeaderProblem.unsupported("TIFF " + name + " differs between samples");
            }
        }
        return first;
    }

    /** Value {@code index} of an unsigned integer tag (BYTE, SHORT, LONG or IFD). */
    private static long number(HeaderBytes b, Entry e, long index) {
        return switch (e.type()) {
            case 1 -> b.u8(e.at() + index);
            case 3 -> b.u16(e.at() + 2 * index);
            case 4, 13 -> b.u32(e.at() + 4 * index);
            default -> throw HeaderProblem.undecodable("TIFF tag of type " + e.type() + " where a number is needed");
        };
    }
}
