package dev.imagedrift.detect;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CombinedDetectorTest {
    private static Samples gaussian(List<String> names, int n, double shift, long seed, String prefix) {
        Random r = new Random(seed);
        double[][] rows = new double[n][names.size()];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < names.size(); j++) rows[i][j] = r.nextGaussian() + (j == 0 ? shift : 0);
            ids.add(prefix + i);
        }
        return new Samples(names, rows, ids);
    }

    private static final List<String> PROPS = List.of("a", "b", "c");
    private static final List<String> PCS = List.of("PC1", "PC2", "PC3", "PC4");

    @Test
    void contentDriftInTheEmbeddingsAloneIsDriftAndNamesTheComponent() {
        CombinedDetector d = new CombinedDetector(DetectorSettings.calibratedDefaults());
        CombinedResult r = d.detect(gaussian(PROPS, 300, 0, 1, "r"), gaussian(PROPS, 300, 0, 2, "c"),
                gaussian(PCS, 300, 0, 3, "r"), gaussian(PCS, 300, 1.0, 4, "c"));
        assertEquals(DriftStatus.OK, r.properties().status());
        assertEquals(DriftStatus.DRIFT, r.embedding().status());
        assertEquals(DriftStatus.DRIFT, r.status());
        assertEquals("PC1", r.embedding().importance().get(0).property());
        assertEquals(0.005, r.embedding().settings().alpha(), 1e-12, "each test at alpha / 2");
        assertEquals(0.005, r.properties().settings().alpha(), 1e-12);
        assertEquals(Math.min(1, 2 * r.embedding().pValue()), r.pValue(), 1e-12);
        assertEquals(2, r.tests());
        assertTrue(r.reason().startsWith("DRIFT in embeddings"), r.reason());
    }

    @Test
    void withoutReferenceEmbeddingsThePropertyTestDecidesAloneAtTheFullAlpha() {
        CombinedDetector d = new CombinedDetector(DetectorSettings.calibratedDefaults());
        Samples ref = gaussian(PROPS, 200, 0, 1, "r");
        Samples cur = gaussian(PROPS, 200, 0.5, 2, "c");
        CombinedResult r = d.detect(ref, cur);
        DriftResult alone = Detectors.create(DetectorSettings.calibratedDefaults()).detect(ref, cur);
        assertNull(r.embedding());
        assertEquals(1, r.tests());
        assertEquals(alone.status(), r.status());
        assertEquals(alone.pValue(), r.pValue());
        assertEquals(0.01, r.properties().settings().alpha());
    }

    @Test
    void aWindowWithoutEmbeddingsIsDecidedByItsProperties() {
        CombinedDetector d = new CombinedDetector(DetectorSettings.calibratedDefaults());
        CombinedResult r = d.detect(gaussian(PROPS, 200, 0, 1, "r"), gaussian(PROPS, 200, 2, 2, "c"),
                gaussian(PCS, 200, 0, 3, "r"), null);
        assertEquals(DriftStatus.INSUFFICIENT_DATA, r.embedding().status());
        assertEquals(DriftStatus.DRIFT, r.properties().status());
        assertEquals(DriftStatus.DRIFT, r.status());
    }

    @Test
    void statusesCombineDriftFirstThenOk() {
        assertEquals(DriftStatus.DRIFT, CombinedDetector.combine(DriftStatus.INSUFFICIENT_DATA, DriftStatus.DRIFT));
        assertEquals(DriftStatus.OK, CombinedDetector.combine(DriftStatus.OK, DriftStatus.INSUFFICIENT_DATA));
        assertEquals(DriftStatus.INSUFFICIENT_DATA,
                CombinedDetector.combine(DriftStatus.INSUFFICIENT_DATA, DriftStatus.INSUFFICIENT_DATA));
    }
}
