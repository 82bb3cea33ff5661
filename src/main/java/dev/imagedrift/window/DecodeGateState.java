package dev.imagedrift.window;

import java.nio.ByteBuffer;

/**
 * What the extraction stage knows about one (stream, window) from the events it read: how many
 * (for the next window's cap), this window's {@link DecodeCap}, and a {@link PriorityBound} over
 * the priorities of the images it decoded. An event may enter the window's sample only if its
 * priority is at most both; otherwise it is counted and not decoded.
 */
public final class DecodeGateState {
    private static final byte FORMAT = 1;

    private long count;
    private final long cap;
    private final PriorityBound decoded;

    private DecodeGateState(long count, long cap, PriorityBound decoded) {
        this.count = count;
        this.cap = cap;
        this.decoded = decoded;
    }

    /** A window first seen, after one that counted {@code previousCount} events here (0 = none or unknown). */
    public static DecodeGateState open(long previousCount, int k) {
        return new DecodeGateState(0, DecodeCap.fromPreviousCount(previousCount, k), new PriorityBound(k));
    }

    /** Whether an event with this priority could still enter the window's sample (so is worth decoding). */
    public boolean mayEnter(long priority) {
        return SamplePriority.atMost(priority, cap) && SamplePriority.atMost(priority, decoded.bound());
    }

    /** One more event read (decoded or not). */
    public void counted() {
        count++;
    }

    /** An image of this window was decoded and measured, with this priority. */
    public void decoded(long priority) {
        decoded.add(priority);
    }

    public long count() { return count; }

    public long cap() { return cap; }

    public long bound() { return decoded.bound(); }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 8 + 4 + decoded.encodedSize());
        b.put(FORMAT).putLong(count).putLong(cap).putInt(decoded.k());
        decoded.encodeTo(b);
        return b.array();
    }

    /** Reads a state written by {@link #encode}; a state written with another k starts its bound afresh. */
    public static DecodeGateState decode(byte[] bytes, int k) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("decode gate state format " + format + "; this version reads " + FORMAT);
        }
        long count = b.getLong();
        long cap = b.getLong();
        int writtenK = b.getInt();
        PriorityBound bound = PriorityBound.decodeFrom(b, writtenK);
        if (writtenK != k) {
            // window.max-samples changed: the histogram and the cap were for another k; none is always safe.
            return new DecodeGateState(count, DecodeCap.NONE, new PriorityBound(k));
        }
        return new DecodeGateState(count, cap, bound);
    }
}
