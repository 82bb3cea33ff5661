package dev.imagedrift.window;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte keys of the window stores. Big-endian numbers make the stores' byte order match numeric
 * order, so one window's samples are a contiguous range and the open-window index iterates by end
 * time.
 *
 * <ul>
 *   <li>window key: stream length (2 bytes), stream (UTF-8), window start (8)</li>
 *   <li>sample key: window key, priority (8, unsigned: the store's byte order is the priority order)</li>
 *   <li>index key: window end (8), window start (8), stream (UTF-8)</li>
 * </ul>
 */
public final class WindowKeys {
    private WindowKeys() {}

    public static byte[] window(String stream, long windowStart) {
        byte[] s = stream.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + s.length + 8).putShort((short) s.length).put(s).putLong(windowStart).array();
    }

    /** The window start of a window key. */
    public static long windowStart(byte[] windowKey) {
        return ByteBuffer.wrap(windowKey, windowKey.length - 8, 8).getLong();
    }

    public static byte[] sample(byte[] windowKey, long priority) {
        return ByteBuffer.allocate(windowKey.length + 8).put(windowKey).putLong(priority).array();
    }

    /** First and last possible sample keys of a window (inclusive range bounds). */
    public static byte[] firstSample(byte[] windowKey) {
        return sample(windowKey, 0L);
    }

    public static byte[] lastSample(byte[] windowKey) {
        return sample(windowKey, -1L);
    }

    /** The priority of a sample key. */
    public static long samplePriority(byte[] sampleKey) {
        return ByteBuffer.wrap(sampleKey, sampleKey.length - 8, 8).getLong();
    }

    public static byte[] index(long windowEnd, long windowStart, String stream) {
        byte[] s = stream.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + s.length).putLong(windowEnd).putLong(windowStart).put(s).array();
    }

    /** A window of the open-window index. */
    public record IndexEntry(long windowEnd, long windowStart, String stream) {}

    public static IndexEntry parseIndex(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key);
        long end = b.getLong();
        long start = b.getLong();
        return new IndexEntry(end, start, new String(Arrays.copyOfRange(key, 16, key.length), StandardCharsets.UTF_8));
    }
}
