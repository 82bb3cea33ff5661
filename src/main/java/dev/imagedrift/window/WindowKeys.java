package dev.imagedrift.window;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte keys of the window stores. Big-endian numbers make the stores' byte order match numeric
 * order, so one window's slots are a contiguous range and the open-window index iterates by end
 * time.
 *
 * <ul>
 *   <li>window key: stream length (2 bytes), stream (UTF-8), window start (8)</li>
 *   <li>slot key: window key, slot (4)</li>
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

    public static byte[] slot(byte[] windowKey, int slot) {
        return ByteBuffer.allocate(windowKey.length + 4).put(windowKey).putInt(slot).array();
    }

    /** First and last possible slot keys of a window (inclusive range bounds). */
    public static byte[] firstSlot(byte[] windowKey) {
        return slot(windowKey, 0);
    }

    public static byte[] lastSlot(byte[] windowKey) {
        return slot(windowKey, Integer.MAX_VALUE);
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
