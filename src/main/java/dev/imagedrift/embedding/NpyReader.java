package dev.imagedrift.embedding;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a NumPy {@code .npy} file holding one 2-D array of embeddings, rows = images: float32
 * ({@code '<f4'}) or float64 ({@code '<f8'}), little-endian, C order, as {@code np.save} writes
 * {@code np.float32} and {@code np.float64} arrays on every common machine.
 *
 * <p>Written here rather than taken from a library: the format is a 10-line header and raw values,
 * and a reader of exactly this subset can check everything before it allocates anything. The header
 * is validated (magic, version 1 to 3, a bounded length, a dictionary with exactly the three keys
 * {@code descr}, {@code fortran_order}, {@code shape}); the dimension must be within
 * {@link EmbeddingLimits#MAX_DIMENSION}, the rows within {@link EmbeddingLimits#MAX_FILE_ROWS}, and
 * the file must hold exactly rows x dimension values after the header: a truncated or padded file
 * is refused before any row is read. Rows are streamed one at a time into one reused buffer, so a
 * file far larger than the heap can be scanned for the few rows a snapshot keeps.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The header of a real embeddings file is under 128 bytes; anything near this is not one. */
    static final int MAX_HEADER_BYTES = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern KEY = Pattern.compile("'([^']*)'\\s*:");

    /** What the header says: rows x dimension values of {@code itemBytes} bytes each. */
    public record Header(long rows, int dimension, int itemBytes, long dataOffset) {}

    /** Receives each row; {@code row} is a reused buffer: copy it to keep it. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(long index, float[] row) throws IOException;
    }

    private NpyReader() {}

    /** Reads and checks the header of {@code file} (and that the file size matches it). */
    public static Header header(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return header(file, in, Files.size(file));
        }
    }

    /** Streams every row of {@code file} to {@code consumer}, in order, as float32 (float64 values are rounded). */
    public static Header read(Path file, RowConsumer consumer) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Header h = header(file, in, Files.size(file));
            int rowBytes = h.dimension() * h.itemBytes();
            byte[] raw = new byte[rowBytes];
            ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            float[] row = new float[h.dimension()];
            for (long r = 0; r < h.rows(); r++) {
                if (in.readNBytes(raw, 0, rowBytes) != rowBytes) {
                    throw new EOFException(file + ": ends inside row " + r + " (the file changed while read?)");
                }
                buffer.clear();
                if (h.itemBytes() == 4) {
                    buffer.asFloatBuffer().get(row);
                } else {
                    for (int j = 0; j < row.length; j++) row[j] = (float) buffer.getDouble(j * 8);
                }
                consumer.accept(r, row);
            }
            return h;
        }
    }

    static Header header(Path file, InputStream in, long fileSize) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || !startsWith(magic, MAGIC)) {
            throw invalid(file, "not a NumPy .npy file (no \\x93NUMPY magic at its start)");
        }
        int major = magic[6] & 0xFF;
        int headerLengthBytes = switch (major) {
            case 1 -> 2;
            case 2, 3 -> 4;
            default -> throw invalid(file, "unsupported .npy format version " + major + "." + (magic[7] & 0xFF)
                    + " (versions 1.0 to 3.0 are read)");
        };
        byte[] lengthBytes = in.readNBytes(headerLengthBytes);
        if (lengthBytes.length < headerLengthBytes) throw invalid(file, "truncated header");
        ByteBuffer lb = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = headerLengthBytes == 2 ? Short.toUnsignedInt(lb.getShort())
                : Integer.toUnsignedLong(lb.getInt());
        if (headerLength > MAX_HEADER_BYTES) {
            throw invalid(file, "header of " + headerLength + " bytes (at most " + MAX_HEADER_BYTES + " are read)");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) throw invalid(file, "truncated header");
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)
                .strip();
        if (!header.startsWith("{") || !header.endsWith("}")) {
            throw invalid(file, "the header is not a dictionary: " + abbreviate(header));
        }
        Matcher keys = KEY.matcher(header);
        int keyCount = 0;
        while (keys.find()) {
            String key = keys.group(1);
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw invalid(file, "unexpected header key '" + key + "'");
            }
            keyCount++;
        }
        if (keyCount != 3) throw invalid(file, "the header needs exactly descr, fortran_order and shape: " + abbreviate(header));
        String descr = group(file, DESCR, header, "descr");
        int itemBytes = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw invalid(file, "dtype '" + descr + "' is not read: save the array as little-endian "
                    + "float32 or float64 (np.asarray(x, dtype='<f4'))");
        };
        if (group(file, FORTRAN, header, "fortran_order").equals("True")) {
            throw invalid(file, "the array is in Fortran order: save np.ascontiguousarray(x) instead");
        }
        long[] shape = shape(file, group(file, SHAPE, header, "shape"));
        if (shape.length != 2) {
            throw invalid(file, "the array has " + shape.length + " dimensions; a 2-D array (images x embedding "
                    + "dimension) is needed");
        }
        if (shape[0] > EmbeddingLimits.MAX_FILE_ROWS) {
            throw invalid(file, shape[0] + " rows; at most " + EmbeddingLimits.MAX_FILE_ROWS + " are read");
        }
        int dimension;
        try {
            dimension = EmbeddingLimits.checkDimension(shape[1], "the array");
        } catch (IllegalArgumentException e) {
            throw invalid(file, e.getMessage());
        }
        long dataOffset = magic.length + headerLengthBytes + headerLength;
        long expected = dataOffset + shape[0] * dimension * itemBytes;
        if (fileSize != expected) {
            throw invalid(file, "the header promises " + shape[0] + " x " + dimension + " values (" + expected
                    + " bytes with the header) but the file has " + fileSize + " bytes ("
                    + (fileSize < expected ? "truncated" : "extra bytes after the data") + ")");
        }
        return new Header(shape[0], dimension, itemBytes, dataOffset);
    }

    private static long[] shape(Path file, String text) throws IOException {
        String[] parts = text.split(",");
        int n = 0;
        long[] dims = new long[parts.length];
        for (String p : parts) {
            String t = p.strip();
            if (t.isEmpty()) continue; // the trailing comma of a 1-tuple, or "()"
            if (t.endsWith("L")) t = t.substring(0, t.length() - 1); // Python 2 longs
            try {
                dims[n] = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw invalid(file, "shape (" + text + ") is not a tuple of integers");
            }
            if (dims[n] < 0) throw invalid(file, "shape (" + text + ") has a negative size");
            n++;
        }
        return java.util.Arrays.copyOf(dims, n);
    }

    private static String group(Path file, Pattern p, String header, String key) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) throw invalid(file, "the header has no valid '" + key + "': " + abbreviate(header));
        return m.group(1);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) return false;
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    private static InvalidEmbeddingsException invalid(Path file, String message) {
        return new InvalidEmbeddingsException(file, message);
    }
}
