package dev.imagedrift.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PooledSamplesTest {

    @Test
    void poolsReferenceThenCurrentWithLabelsAndIds() {
        PooledSamples data = PooledSamples.of(SyntheticSamples.normal(30, 1, "r"), SyntheticSamples.normal(20, 2, "c"));
        assertEquals(50, data.size());
        assertEquals(30, data.nReference());
        assertEquals(20, data.nCurrent());
        assertEquals(0, data.label(29));
        assertEquals(1, data.label(30));
        assertEquals("r29", data.id(29));
        assertEquals("c0", data.id(30));
    }

    @Test
    void everyColumnOrderIsAscendingInTheEncodedValuesMissingFirst() {
        Samples current = SyntheticSamples.withGrayscale(SyntheticSamples.normal(600, 4, "c"), 0.3, 5);
        PooledSamples data = PooledSamples.of(SyntheticSamples.normal(700, 3, "r"), current);
        for (int j = 0; j < data.dimension(); j++) {
            int[] ascending = data.ascending(j);
            assertEquals(data.size(), ascending.length);
            double[] column = data.column(j);
            for (int i = 1; i < ascending.length; i++) {
                assertTrue(column[ascending[i]] >= column[ascending[i - 1]], "column " + j + " position " + i);
            }
            for (double v : column) assertTrue(!Double.isNaN(v), "no NaN reaches the trees");
        }
        // Restricting keeps the order, in the subset's own numbering.
        int[] rows = {5, 700, 3, 1200, 42};
        int[] restricted = ColumnOrder.of(data).restrictTo(rows, data.size())[4];
        for (int i = 1; i < restricted.length; i++) {
            assertTrue(data.column(4)[rows[restricted[i]]] >= data.column(4)[rows[restricted[i - 1]]]);
        }
    }
}
