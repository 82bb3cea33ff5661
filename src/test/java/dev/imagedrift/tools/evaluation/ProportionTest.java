package dev.imagedrift.tools.evaluation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProportionTest {
    @Test
    void wilsonIntervalMatchesPublishedValues() {
        Proportion tenOfHundred = new Proportion(10, 100);
        assertEquals(0.10, tenOfHundred.rate(), 1e-12);
        assertEquals(0.0552, tenOfHundred.lower(), 5e-4);
        assertEquals(0.1744, tenOfHundred.upper(), 5e-4);
    }

    @Test
    void zeroCountsHaveAPositiveUpperBound() {
        Proportion none = new Proportion(0, 1000);
        assertEquals(0.0, none.lower(), 1e-12);
        assertEquals(0.00383, none.upper(), 5e-5); // about 3.84 / n, the "rule of three" for Wilson
    }

    @Test
    void refusesImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> new Proportion(5, 4));
        assertThrows(IllegalArgumentException.class, () -> new Proportion(0, 0));
    }
}
