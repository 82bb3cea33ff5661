package dev.imagedrift.embedding;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectionTest {
    /** Points spread 10x more along (1,1,0,..)/sqrt2 than along e3, and barely elsewhere. */
    static List<float[]> elongated(int n, int d, long seed) {
        Random r = new Random(seed);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[d];
            double a = 10 * r.nextGaussian();
            double b = 3 * r.nextGaussian();
            v[0] = (float) (5 + a / Math.sqrt(2));
            v[1] = (float) (-2 + a / Math.sqrt(2));
            v[2] = (float) b;
            for (int j = 3; j < d; j++) v[j] = (float) (0.01 * r.nextGaussian());
            rows.add(v);
        }
        return rows;
    }

    @Test
    void findsTheAxesOfLargestVarianceInOrder() {
        Projection p = Projection.fit(elongated(2000, 6, 1), 2);
        double s = 1 / Math.sqrt(2);
        assertArrayEquals(new double[] {s, s, 0, 0, 0, 0}, p.axes()[0], 0.01);
        assertArrayEquals(new double[] {0, 0, 1, 0, 0, 0}, p.axes()[1], 0.01);
        assertEquals(100, p.variance()[0], 8);
        assertEquals(9, p.variance()[1], 1);
        assertEquals(5, p.mean()[0], 0.5);
        assertTrue(p.varianceShare()[0] > 0.9, "share " + p.varianceShare()[0]);
        assertEquals(List.of("PC1", "PC2"), p.componentNames());
    }

    @Test
    void theGramRouteForFewerRowsThanDimensionsAgreesWithTheCovarianceRoute() {
        List<float[]> rows = elongated(40, 60, 2);
        Projection gram = Projection.fit(rows, 3);
        // The same rows padded with zero columns to fewer dimensions than rows take the covariance route.
        List<float[]> narrow = new ArrayList<>();
        for (float[] v : rows) narrow.add(java.util.Arrays.copyOf(v, 30));
        Projection cov = Projection.fit(narrow, 3);
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(java.util.Arrays.copyOf(gram.axes()[c], 3), java.util.Arrays.copyOf(cov.axes()[c], 3), 1e-3);
            assertEquals(gram.variance()[c], cov.variance()[c], 1e-3 * gram.variance()[c]);
        }
    }

    @Test
    void projectsRelativeToTheReferenceMean() {
        Projection p = Projection.fit(elongated(500, 4, 3), 2);
        float[] atMean = new float[4];
        for (int j = 0; j < 4; j++) atMean[j] = (float) p.mean()[j];
        assertArrayEquals(new double[] {0, 0}, p.project(atMean), 1e-5);
        float[] along = atMean.clone();
        for (int j = 0; j < 4; j++) along[j] += (float) (2 * p.axes()[0][j]);
        assertEquals(2, p.project(along)[0], 1e-4);
    }

    @Test
    void isDeterministicAndBoundedBySampleSize() {
        List<float[]> rows = elongated(5, 8, 4);
        Projection a = Projection.fit(rows, 16);
        Projection b = Projection.fit(rows, 16);
        assertEquals(4, a.components(), "at most n - 1 components");
        for (int c = 0; c < a.components(); c++) assertArrayEquals(a.axes()[c], b.axes()[c]);
        assertThrows(IllegalArgumentException.class, () -> Projection.fit(rows.subList(0, 1), 2));
        assertThrows(IllegalArgumentException.class, () -> a.project(new float[3]));
    }
}
