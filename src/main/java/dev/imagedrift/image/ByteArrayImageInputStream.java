package dev.imagedrift.image;

import javax.imageio.stream.ImageInputStreamImpl;
import java.util.Objects;

/**
 * An {@link javax.imageio.stream.ImageInputStream} reading straight from a byte array: no cache
 * file, no second in-memory copy of the encoded bytes, and a known length (some readers use it).
 *
 * <p>Reads past the end answer "end of stream" a few times, as readers expect when they prefetch;
 * after {@link #MAX_READS_AT_END} of them the stream throws {@link ReadPastEnd}. Why: some readers
 * (TwelveMonkeys' WebP bit reader) treat the end of data as zero bits and go on, one exception a
 * byte, so corrupt data of a few kilobytes kept a thread busy for tens of seconds and then
 * "decoded" to noise.
 */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {
    /** Reads at the end of the data tolerated before the stream refuses to go on. */
    static final int MAX_READS_AT_END = 64;

    private final byte[] bytes;
    private int readsAtEnd;

    /** A reader kept reading after the end of its input: the data is truncated or corrupt. */
    static final class ReadPastEnd extends RuntimeException {
        ReadPastEnd() {
            super("the reader kept reading past the end of the data (truncated or corrupt)", null, false, false);
        }
    }

    ByteArrayImageInputStream(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public int read() {
        bitOffset = 0;
        return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xFF : atEnd();
    }

    private int atEnd() {
        if (++readsAtEnd > MAX_READS_AT_END) {
            throw new ReadPastEnd();
        }
        return -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= bytes.length) {
            return atEnd();
        }
        int n = (int) Math.min(len, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return bytes.length;
    }
}
