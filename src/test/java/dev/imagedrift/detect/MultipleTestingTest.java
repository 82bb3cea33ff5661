package dev.imagedrift.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipleTestingTest {

    @Test
    void bonferroniSplitsAlphaEvenly() {
        assertEquals(0.01, MultipleTesting.bonferroni(0.05, 5), 1e-15);
        assertEquals(0.05, MultipleTesting.bonferroni(0.05, 1));
    }

    @Test
    void benjaminiHochbergStepsUpFromTheLargestQualifyingRank() {
        // Sorted: 0.001 (1*0.05/6 = 0.0083 ok), 0.008 (0.0167 ok), 0.039 (0.025 no), 0.041 (0.033 no),
        // 0.042 (0.0417 no), 0.06 (0.05 no): reject the first two.
        double[] p = {0.041, 0.001, 0.06, 0.008, 0.042, 0.039};
        assertArrayEquals(new boolean[]{false, true, false, true, false, false},
                MultipleTesting.benjaminiHochberg(p, 0.05));
        // A later rank that qualifies rescues earlier ones: p_(4) = 0.03 <= 4 * 0.05 / 4.
        double[] q = {0.04, 0.03, 0.035, 0.02};
        assertArrayEquals(new boolean[]{true, true, true, true}, MultipleTesting.benjaminiHochberg(q, 0.05));
    }

    @Test
    void adjustedPValuesAreMonotoneInTheRawOnesAndCapped() {
        double[] p = {0.01, 0.04, 0.03, 0.5, 0.9};
        double[] adjusted = MultipleTesting.benjaminiHochbergAdjusted(p);
        // m p / rank by rank: 0.05, 0.075, 0.0667, 0.625, 0.9; then the running minimum from the top.
        assertArrayEquals(new double[]{0.05, 0.2 / 3, 0.2 / 3, 0.625, 0.9}, adjusted, 1e-12);
        assertArrayEquals(new double[]{1.0}, MultipleTesting.benjaminiHochbergAdjusted(new double[]{1.0}));
        for (double a : adjusted) assertTrue(a <= 1.0);
    }

    @Test
    void invalidInputsAreNamed() {
        IllegalArgumentException alpha = assertThrows(IllegalArgumentException.class,
                () -> MultipleTesting.bonferroni(1.5, 3));
        assertTrue(alpha.getMessage().startsWith("alpha"));
        IllegalArgumentException tests = assertThrows(IllegalArgumentException.class,
                () -> MultipleTesting.bonferroni(0.05, 0));
        assertTrue(tests.getMessage().startsWith("tests"));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> MultipleTesting.benjaminiHochberg(new double[]{0.1, Double.NaN}, 0.05));
        assertTrue(nan.getMessage().contains("pValues[1]"));
        assertThrows(IllegalArgumentException.class, () -> MultipleTesting.benjaminiHochberg(new double[]{0.1}, 0));
    }
}
