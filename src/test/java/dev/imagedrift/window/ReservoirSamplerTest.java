package dev.imagedrift.window;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReservoirSamplerTest {
    @Test
    void fillsSlotsInOrderUntilFull() {
        ReservoirSampler s = new ReservoirSampler(42, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(i, s.slotFor("cam", 0, i));
        }
    }

    @Test
    void deterministicForTheSameSeedStreamWindowAndCount() {
        ReservoirSampler a = new ReservoirSampler(42, 10);
        ReservoirSampler b = new ReservoirSampler(42, 10);
        int differentSeed = 0;
        ReservoirSampler c = new ReservoirSampler(43, 10);
        for (long i = 10; i < 1000; i++) {
            assertEquals(a.slotFor("cam", 300_000, i), b.slotFor("cam", 300_000, i));
            if (a.slotFor("cam", 300_000, i) != c.slotFor("cam", 300_000, i)) differentSeed++;
        }
        assertTrue(differentSeed > 10, "another seed makes other choices");
    }

    /** Algorithm R keeps every event with probability capacity / n: check it over many simulated windows. */
    @Test
    void everyEventIsEquallyLikelyToBeKept() {
        int capacity = 10;
        int n = 100;
        int windows = 20_000;
        int[] keptCount = new int[n];
        ReservoirSampler s = new ReservoirSampler(7, capacity);
        for (int w = 0; w < windows; w++) {
            int[] slots = new int[capacity];
            for (int i = 0; i < n; i++) {
                int slot = s.slotFor("cam", w * 1000L, i);
                if (slot >= 0) slots[slot] = i;
            }
            for (int kept : slots) keptCount[kept]++;
        }
        double expected = windows * (double) capacity / n; // 2000 each
        for (int i = 0; i < n; i++) {
            // binomial sd ~ 42; 5 sd bounds keep the test stable yet would catch a biased sampler
            assertEquals(expected, keptCount[i], 5 * Math.sqrt(expected), "event " + i);
        }
        // the first events must not be favoured (the classic bug of a wrong replacement bound)
        int early = 0, late = 0;
        for (int i = 0; i < 10; i++) early += keptCount[i];
        for (int i = n - 10; i < n; i++) late += keptCount[i];
        assertEquals(early, late, 0.06 * early);
    }
}
