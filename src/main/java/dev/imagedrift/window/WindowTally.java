package dev.imagedrift.window;

import java.nio.ByteBuffer;

/**
 * The window stage's bookkeeping of one (stream, window): events counted, samples kept, the
 * largest kept priority (the one a smaller newcomer evicts), and the smallest decode cap any
 * event arrived with ({@link DecodeCap}).
 *
 * @param count        every event of the window that arrived before it closed, decoded or not
 * @param kept         samples in the store (at most k)
 * @param largestKept  the largest kept priority (unsigned); meaningless while kept = 0
 * @param smallestCap  the smallest decode cap of the window's events (unsigned; {@link DecodeCap#NONE} = none)
 */
public record WindowTally(long count, int kept, long largestKept, long smallestCap) {
    private static final byte FORMAT = 1;
    public static final WindowTally EMPTY = new WindowTally(0, 0, 0, DecodeCap.NONE);

    /**
     * Whether a kept sample with this priority belongs to the window's final sample. When traffic
     * fell below what a cap assumed, some events above that cap were never decoded; the samples at
     * or below the smallest cap are then exactly every event of the window below it, a uniform
     * sample (see {@link DecodeCap}). Otherwise every kept sample is at or below the cap anyway.
     */
    public boolean inFinalSample(long priority) {
        return SamplePriority.atMost(priority, smallestCap);
    }

    public byte[] encode() {
        return ByteBuffer.allocate(1 + 8 + 4 + 8 + 8).put(FORMAT).putLong(count).putInt(kept).putLong(largestKept)
                .putLong(smallestCap).array();
    }

    public static WindowTally decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte format = b.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("window tally format " + format + "; this version reads " + FORMAT);
        }
        return new WindowTally(b.getLong(), b.getInt(), b.getLong(), b.getLong());
    }
}
