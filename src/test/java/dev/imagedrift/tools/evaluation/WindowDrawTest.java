package dev.imagedrift.tools.evaluation;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowDrawTest {
    @Test
    void drawsDistinctRowsOfThePool() {
        int[] rows = WindowDraw.distinct(100, 60, new SplittableRandom(1));
        assertEquals(60, rows.length);
        Set<Integer> seen = new HashSet<>();
        for (int r : rows) {
            assertTrue(r >= 0 && r < 100, "row " + r);
            assertTrue(seen.add(r), "row " + r + " drawn twice");
        }
    }

    @Test
    void theFirstRowsDoNotDependOnHowManyMoreAreDrawn() {
        // The domain scenario relies on this to reuse the pool scenarios' reference window.
        int[] both = WindowDraw.distinct(500, 100, new SplittableRandom(9));
        int[] first = WindowDraw.distinct(500, 50, new SplittableRandom(9));
        assertArrayEquals(first, Arrays.copyOf(both, 50));
    }

    @Test
    void everyRowIsEquallyLikelyToBeDrawn() {
        int[] hits = new int[10];
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < 20_000; t++) hits[WindowDraw.distinct(10, 3, random)[2]]++;
        for (int h : hits) assertEquals(2_000, h, 150, Arrays.toString(hits)); // about 3.5 binomial sd
    }

    @Test
    void refusesToDrawMoreThanThePoolHolds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WindowDraw.distinct(10, 11, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("11") && e.getMessage().contains("10"), e.getMessage());
    }
}
