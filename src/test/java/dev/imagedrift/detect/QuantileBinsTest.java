package dev.imagedrift.detect;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantileBinsTest {

    @Test
    void fewDistinctValuesKeepTheirRanks() {
        double[] column = {5.0, -1.0, 5.0, Double.NaN, 2.5, -1.0};
        assertArrayEquals(new double[]{2, 0, 2, Double.NaN, 1, 0}, QuantileBins.binned(column));
    }

    @Test
    void manyDistinctValuesFallIntoAtMost255BinsOfAboutEqualCountsInTheSameOrder() {
        Random random = new Random(1);
        double[] column = new double[25_500];
        for (int i = 0; i < column.length; i++) column[i] = random.nextGaussian();
        double[] binned = QuantileBins.binned(column);
        int[] counts = new int[QuantileBins.MAX_BINS];
        for (double b : binned) counts[(int) b]++;
        for (int count : counts) assertEquals(100, count, 2.0, "quantile bins hold about n / 255 values each");
        Integer[] order = new Integer[column.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(column[a], column[b]));
        for (int i = 1; i < order.length; i++) {
            assertTrue(binned[order[i]] >= binned[order[i - 1]], "binning must keep the order");
        }
    }
}
