package dev.imagedrift.window;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two halves of sampling before decoding, run together on simulated windows with the real
 * classes: {@link DecodeGateState} per input partition decides which images to decode, and
 * {@link BottomKReservoir} keeps the window's sample from what arrives. Checks that skipping
 * decodes never changes the sample (it is the exact k smallest priorities of the whole window,
 * however the events are spread over partitions), that every event is equally likely to be kept,
 * and how many decodes it takes.
 */
class SamplingBeforeDecodingTest {
    private static final long WINDOW = 1_800_000_000_000L;

    /** One simulated window: which events (by index) ended in the sample, and how many were decoded. */
    record Outcome(Set<Integer> sample, int decodes, List<Long> priorities, long smallestCap) {}

    static Outcome window(long seed, long windowStart, int n, int k, int partitions, long[] previousCounts,
                          IntUnaryOperator partitionOf) {
        SamplePriority priorities = new SamplePriority(seed);
        DecodeGateState[] gates = new DecodeGateState[partitions];
        long[] offsets = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            gates[p] = DecodeGateState.open(previousCounts[p], k);
            offsets[p] = 1_000L * p; // any offsets: positions are what makes priorities distinct
        }
        BottomKReservoir reservoir = new BottomKReservoir(k);
        TreeMap<Long, Integer> store = new TreeMap<>(Long::compareUnsigned);
        BottomKReservoir.Samples samples = new BottomKReservoir.Samples() {
            @Override
            public void put(long priority, byte[] sample) {
                store.put(priority, ((sample[0] & 0xFF) << 24) | ((sample[1] & 0xFF) << 16) | ((sample[2] & 0xFF) << 8)
                        | (sample[3] & 0xFF));
            }

            @Override
            public void delete(long priority) {
                store.remove(priority);
            }

            @Override
            public long largest() {
                return store.lastKey();
            }
        };
        WindowTally tally = WindowTally.EMPTY;
        int decodes = 0;
        List<Long> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int p = partitionOf.applyAsInt(i);
            long u = priorities.of("cam", windowStart, p, offsets[p]++);
            all.add(u);
            boolean decode = gates[p].mayEnter(u);
            gates[p].counted();
            if (decode) {
                gates[p].decoded(u);
                decodes++;
            }
            byte[] sample = decode ? new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i} : null;
            tally = reservoir.offer(tally, u, sample, gates[p].cap(), samples);
        }
        assertEquals(n, tally.count(), "every event counted");
        Set<Integer> kept = new HashSet<>();
        for (var e : store.entrySet()) {
            if (tally.inFinalSample(e.getKey())) {
                kept.add(e.getValue());
            }
        }
        return new Outcome(kept, decodes, all, tally.smallestCap());
    }

    /** The indices of the k smallest priorities (unsigned). */
    static Set<Integer> exactBottomK(List<Long> priorities, int k) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < priorities.size(); i++) order.add(i);
        order.sort((a, b) -> Long.compareUnsigned(priorities.get(a), priorities.get(b)));
        return new HashSet<>(order.subList(0, Math.min(k, order.size())));
    }

    @Test
    void theSampleIsTheExactBottomKOfTheWholeWindowWhateverThePartitioning() {
        SplittableRandom r = new SplittableRandom(1);
        int k = 100;
        for (int partitions : new int[] {1, 3}) {
            for (int n : new int[] {60, 500, 20_000}) {
                for (long previous : new long[] {0, n / 3, n, 3L * n}) {
                    long[] previousCounts = new long[partitions];
                    java.util.Arrays.fill(previousCounts, previous / partitions);
                    int[] assignment = r.ints(n, 0, partitions).toArray(); // a stream not keyed: any partition
                    Outcome o = window(42, WINDOW + n, n, k, partitions, previousCounts, i -> assignment[i]);
                    String label = partitions + " partition(s), n " + n + ", previous window " + previous;
                    // The k smallest of the whole window; or, when traffic fell below what a cap assumed
                    // and fewer than k lie under it, exactly every event under the cap.
                    Set<Integer> underCap = new HashSet<>();
                    for (int i = 0; i < n; i++) {
                        if (SamplePriority.atMost(o.priorities().get(i), o.smallestCap())) underCap.add(i);
                    }
                    Set<Integer> expected = underCap.size() >= k ? exactBottomK(o.priorities(), k) : underCap;
                    assertEquals(expected, o.sample(), label);
                    if (previous <= n) {
                        assertEquals(exactBottomK(o.priorities(), k), o.sample(), label + ": no traffic drop");
                    }
                }
            }
        }
    }

    /** Each event of a window must be kept with probability k / n, early or late, in whichever partition. */
    @Test
    void everyEventIsEquallyLikelyToBeKept() {
        int k = 20;
        int n = 200;
        int windows = 20_000;
        int[] keptCount = new int[n];
        SplittableRandom r = new SplittableRandom(7);
        for (int w = 0; w < windows; w++) {
            int[] assignment = r.ints(n, 0, 3).toArray();
            Outcome o = window(7, WINDOW + w * 60_000L, n, k, 3, new long[] {n / 3, n / 3, n / 3}, i -> assignment[i]);
            assertEquals(k, o.sample().size());
            o.sample().forEach(i -> keptCount[i]++);
        }
        assertUniform(keptCount, windows * (double) k / n);
    }

    /** When traffic falls well below the previous window's, the sample is smaller, and still uniform. */
    @Test
    void afterATrafficDropTheSmallerSampleIsStillUniform() {
        int k = 20;
        int n = 200;
        int windows = 20_000;
        int[] keptCount = new int[n];
        long sizes = 0;
        for (int w = 0; w < windows; w++) {
            Outcome o = window(9, WINDOW + w * 60_000L, n, k, 1, new long[] {8L * n}, i -> 0);
            sizes += o.sample().size();
            o.sample().forEach(i -> keptCount[i]++);
        }
        double meanSize = sizes / (double) windows;
        // The cap passes HEADROOM * k / (8n) of all priorities: about k / 4 of these n events.
        assertEquals(DecodeCap.HEADROOM * k / 8, meanSize, 0.2);
        assertUniform(keptCount, windows * meanSize / n);
    }

    /** Without a previous window, about k(1 + ln(n/k)) decodes (algorithm R's insertions); with one, about k(1 + ln 2). */
    @Test
    void decodesGrowWithTheLogarithmOfTheTrafficOrNotAtAllOnceTheCountIsKnown() {
        int k = 1_000;
        int n = 100_000;
        double insertions = k * (1 + Math.log((double) n / k));
        double first = 0;
        double steady = 0;
        int windows = 5;
        for (int w = 0; w < windows; w++) {
            first += window(3, WINDOW + w * 60_000L, n, k, 1, new long[] {0}, i -> 0).decodes();
            steady += window(3, WINDOW + w * 60_000L, n, k, 1, new long[] {n}, i -> 0).decodes();
        }
        first /= windows;
        steady /= windows;
        // Buckets of 1/16 let through a few more than the exact k-th smallest would.
        assertTrue(first >= 0.97 * insertions && first <= 1.08 * insertions, first + " vs " + insertions);
        double withCap = k * (1 + Math.log(DecodeCap.HEADROOM));
        assertTrue(steady >= 0.95 * withCap && steady <= 1.10 * withCap, steady + " vs " + withCap);
    }

    private static void assertUniform(int[] keptCount, double expected) {
        for (int i = 0; i < keptCount.length; i++) {
            // binomial sd ~ sqrt(expected); 5 sd keeps the test stable yet catches a biased sampler
            assertEquals(expected, keptCount[i], 5 * Math.sqrt(expected), "event " + i);
        }
        int early = 0, late = 0;
        for (int i = 0; i < 20; i++) early += keptCount[i];
        for (int i = keptCount.length - 20; i < keptCount.length; i++) late += keptCount[i];
        assertEquals(early, late, 5 * Math.sqrt(2.0 * early), "first events not favoured over the last");
    }
}
