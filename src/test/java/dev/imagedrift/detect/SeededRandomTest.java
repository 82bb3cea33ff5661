package dev.imagedrift.detect;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeededRandomTest {

    @Test
    void theSameSeedGivesTheSameSequenceAndAnotherSeedAnother() {
        SeededRandom a = new SeededRandom(42);
        SeededRandom b = new SeededRandom(42);
        SeededRandom c = new SeededRandom(43);
        long[] first = IntStream.range(0, 10).mapToLong(i -> a.nextLong()).toArray();
        assertArrayEquals(first, IntStream.range(0, 10).mapToLong(i -> b.nextLong()).toArray());
        assertNotEquals(first[0], c.nextLong());
    }

    @Test
    void boundedDrawsAreInRangeAndRoughlyUniform() {
        SeededRandom random = new SeededRandom(1);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[random.nextInt(7)]++;
        double chiSquare = 0;
        for (int count : counts) chiSquare += (count - 10_000.0) * (count - 10_000.0) / 10_000.0;
        assertTrue(chiSquare < 22.5, "chi-square with 6 degrees of freedom, p ~ 0.001: " + chiSquare);
    }

    @Test
    void shuffleIsAPermutation() {
        int[] a = IntStream.range(0, 1000).toArray();
        new SeededRandom(5).shuffle(a);
        assertTrue(Arrays.mismatch(a, IntStream.range(0, 1000).toArray()) >= 0, "the shuffle moved something");
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(IntStream.range(0, 1000).toArray(), sorted);
        assertEquals(-1, Arrays.mismatch(a, shuffled(5)), "deterministic");
    }

    private static int[] shuffled(long seed) {
        int[] a = IntStream.range(0, 1000).toArray();
        new SeededRandom(seed).shuffle(a);
        return a;
    }
}
