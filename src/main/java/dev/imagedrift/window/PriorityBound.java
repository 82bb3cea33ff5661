package dev.imagedrift.window;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An upper bound on the k-th smallest of the priorities recorded so far, kept in a few hundred
 * bytes instead of k values: a histogram over log-linear buckets (16 a power of two, so a bucket's
 * upper edge is at most 1/16 above any priority in it). The bound is the upper edge of the bucket
 * in which the count from below reaches k. An event whose priority is above it has at least k
 * recorded events below it, so it cannot be among the k smallest of its window: it need not be
 * decoded. Buckets above the bound are dropped, since the bound only ever goes down.
 */
public final class PriorityBound {
    /** Sub-buckets per power of two, as bits. */
    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    /** No bound yet (fewer than k recorded): every priority may enter. */
    public static final long NONE = -1L;

    private final int k;
    private int[] buckets;
    private int[] counts;
    private int size;

    public PriorityBound(int k) {
        this(k, new int[8], new int[8], 0);
    }

    private PriorityBound(int k, int[] buckets, int[] counts, int size) {
        if (k < 1) throw new IllegalArgumentException("k must be positive: " + k);
        this.k = k;
        this.buckets = buckets;
        this.counts = counts;
        this.size = size;
    }

    /** The bound: a priority above it (unsigned) cannot be among the k smallest; {@link #NONE} while fewer than k. */
    public long bound() {
        int b = boundBucket();
        return b < 0 ? NONE : upperEdge(b);
    }

    /** Records one more priority. */
    public void add(long priority) {
        int b = bucket(priority);
        int at = Arrays.binarySearch(buckets, 0, size, b);
        if (at >= 0) {
            counts[at]++;
        } else {
            int bound = boundBucket();
            if (bound >= 0 && b > bound) {
                return; // above the bound: can never lower it
            }
            at = -at - 1;
            if (size == buckets.length) {
                buckets = Arrays.copyOf(buckets, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            System.arraycopy(buckets, at, buckets, at + 1, size - at);
            System.arraycopy(counts, at, counts, at + 1, size - at);
            buckets[at] = b;
            counts[at] = 1;
            size++;
        }
        int bound = boundIndex();
        if (bound >= 0) {
            size = bound + 1; // buckets above the bound never matter again
        }
    }

    private int boundBucket() {
        int i = boundIndex();
        return i < 0 ? -1 : buckets[i];
    }

    /** Index of the bucket where the running count from below reaches k, or -1. */
    private int boundIndex() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += counts[i];
            if (sum >= k) {
                return i;
            }
        }
        return -1;
    }

    /** Log-linear bucket of an unsigned priority: exact below 16, then 16 buckets a power of two (monotone). */
    static int bucket(long priority) {
        int top = 63 - Long.numberOfLeadingZeros(priority); // -1 for 0
        if (top < SUB_BITS) {
            return (int) priority;
        }
        int sub = (int) (priority >>> (top - SUB_BITS)) & (SUB - 1);
        return SUB + (top - SUB_BITS) * SUB + sub;
    }

    /** Largest priority in a bucket (unsigned). */
    static long upperEdge(int bucket) {
        if (bucket < SUB) {
            return bucket;
        }
        int top = (bucket - SUB) / SUB + SUB_BITS;
        long sub = (bucket - SUB) % SUB;
        long lower = (1L << top) | (sub << (top - SUB_BITS));
        return lower + (1L << (top - SUB_BITS)) - 1;
    }

    public int k() { return k; }

    /** Serialized size in bytes. */
    public int encodedSize() {
        return 2 + 6 * size;
    }

    public void encodeTo(ByteBuffer b) {
        b.putShort((short) size);
        for (int i = 0; i < size; i++) {
            b.putShort((short) buckets[i]).putInt(counts[i]);
        }
    }

    public static PriorityBound decodeFrom(ByteBuffer b, int k) {
        int size = Short.toUnsignedInt(b.getShort());
        int[] buckets = new int[Math.max(8, size)];
        int[] counts = new int[buckets.length];
        for (int i = 0; i < size; i++) {
            buckets[i] = Short.toUnsignedInt(b.getShort());
            counts[i] = b.getInt();
            if (buckets[i] >= SUB * (64 - SUB_BITS + 1) || counts[i] <= 0 || (i > 0 && buckets[i] <= buckets[i - 1])) {
                throw new IllegalArgumentException("corrupt priority histogram at entry " + i);
            }
        }
        return new PriorityBound(k, buckets, counts, size);
    }
}
