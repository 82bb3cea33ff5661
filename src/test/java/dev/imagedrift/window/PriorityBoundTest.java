package dev.imagedrift.window;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriorityBoundTest {
    @Test
    void bucketsAreMonotoneAndTheirEdgesContainTheirValues() {
        long[] probes = {0, 1, 15, 16, 17, 31, 32, 33, 1000, 1L << 40, (1L << 40) + 12345, Long.MAX_VALUE,
                Long.MIN_VALUE, 0xF000_0000_0000_0000L, -1L};
        for (long p : probes) {
            int b = PriorityBound.bucket(p);
            assertTrue(Long.compareUnsigned(p, PriorityBound.upperEdge(b)) <= 0, "edge of " + Long.toUnsignedString(p));
            if (b > 0) {
                assertTrue(Long.compareUnsigned(p, PriorityBound.upperEdge(b - 1)) > 0,
                        "above the previous bucket: " + Long.toUnsignedString(p));
            }
        }
        assertEquals(-1L, PriorityBound.upperEdge(PriorityBound.bucket(-1L)), "the top bucket ends at 2^64 - 1");
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            long a = r.nextLong();
            long b = r.nextLong();
            if (Long.compareUnsigned(a, b) <= 0) {
                assertTrue(PriorityBound.bucket(a) <= PriorityBound.bucket(b));
            }
        }
    }

    /** The bound may never be below the true k-th smallest (that would skip a decode the sample needs). */
    @Test
    void neverBelowTheKthSmallestAndAtMostOneSixteenthAbove() {
        SplittableRandom r = new SplittableRandom(11);
        for (int k : new int[] {1, 2, 7, 50, 1000}) {
            PriorityBound bound = new PriorityBound(k);
            long[] seen = new long[20 * k];
            for (int i = 0; i < seen.length; i++) {
                seen[i] = r.nextLong() >>> r.nextInt(8); // uneven, to reach many octaves
                bound.add(seen[i]);
                if (i + 1 < k) {
                    assertEquals(PriorityBound.NONE, bound.bound(), "no bound before k priorities");
                    continue;
                }
                long kth = kthSmallestUnsigned(Arrays.copyOf(seen, i + 1), k);
                long b = bound.bound();
                assertTrue(Long.compareUnsigned(kth, b) <= 0, "k " + k + ", after " + (i + 1));
                double ratio = unsigned(b) / Math.max(1, unsigned(kth));
                assertTrue(ratio <= 1 + 1.0 / 16 + 1e-12, "k " + k + ": bound " + ratio + " x the k-th smallest");
            }
        }
    }

    @Test
    void staysSmallAndRoundTrips() {
        SplittableRandom r = new SplittableRandom(5);
        PriorityBound bound = new PriorityBound(10_000);
        for (int i = 0; i < 500_000; i++) {
            bound.add(r.nextLong());
        }
        assertTrue(bound.encodedSize() < 2_500, "a few hundred buckets, not k values: " + bound.encodedSize());
        ByteBuffer b = ByteBuffer.allocate(bound.encodedSize());
        bound.encodeTo(b);
        b.flip();
        PriorityBound back = PriorityBound.decodeFrom(b, 10_000);
        assertEquals(bound.bound(), back.bound());
        long next = r.nextLong();
        bound.add(next);
        back.add(next);
        assertEquals(bound.bound(), back.bound());
    }

    @Test
    void corruptStateIsRefusedNotTrusted() {
        ByteBuffer b = ByteBuffer.allocate(14).putShort((short) 2).putShort((short) 40).putInt(3)
                .putShort((short) 20).putInt(1); // buckets out of order
        b.flip();
        assertThrows(IllegalArgumentException.class, () -> PriorityBound.decodeFrom(b, 5));
    }

    private static long kthSmallestUnsigned(long[] values, int k) {
        Long[] boxed = Arrays.stream(values).boxed().toArray(Long[]::new);
        Arrays.sort(boxed, Long::compareUnsigned);
        return boxed[k - 1];
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }
}
