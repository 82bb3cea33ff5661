package dev.imagedrift.detect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibratedDetectorTest {
    private static final int BRIGHTNESS = 2;
    private final DriftDetector detector = new CalibratedDetector(DetectorSettings.calibratedDefaults());

    @Test
    void theSameImagesOnBothSidesScoreNoDrift() {
        Samples images = SyntheticSamples.normal(300, 1, "img");
        DriftResult result = detector.detect(images, images);
        assertEquals(DriftStatus.OK, result.status(), result.reason());
        assertEquals(0.0, result.driftScore(), 0.02);
        assertTrue(result.pValue() > 0.5, "p = " + result.pValue());
        // Duplicates across the sides make held-out rows look like their opposite-label twins:
        // the AUC falls below one half and is reported as it is, the score is clipped at 0.
        assertTrue(result.auc() < 0.5, "auc " + result.auc());
        assertEquals(0.0, result.driftScore());
    }

    @Test
    void twoDrawsFromOneDistributionScoreNearZeroAndOk() {
        DriftResult result = detector.detect(SyntheticSamples.normal(500, 2, "r"), SyntheticSamples.normal(500, 3, "c"));
        assertEquals(DriftStatus.OK, result.status(), result.reason());
        assertTrue(result.driftScore() < 0.1, "score " + result.driftScore());
        assertTrue(result.aucLower() <= result.auc() && result.auc() <= result.aucUpper());
    }

    @Test
    void aClearShiftIsDriftWithTheShiftedPropertyOnTop() {
        DriftResult result = detector.detect(SyntheticSamples.normal(400, 4, "r"),
                SyntheticSamples.normal(400, 5, "c", BRIGHTNESS, 1.0));
        assertEquals(DriftStatus.DRIFT, result.status(), result.reason());
        assertTrue(result.driftScore() > 0.3, "score " + result.driftScore());
        assertTrue(result.pValue() < 1e-6, "p " + result.pValue());
        assertTrue(result.aucLower() > 0.6, "lower " + result.aucLower());
        assertEquals("Brightness", result.importance().get(0).property());
        assertTrue(result.reason().startsWith("DRIFT: p-value"), result.reason());

        UnivariateDrift brightness = result.univariate().get(BRIGHTNESS);
        assertEquals("Brightness", brightness.property());
        for (UnivariateDrift other : result.univariate()) {
            if (other != brightness) assertTrue(other.ks() < brightness.ks(), other.property());
        }
        assertTrue(brightness.ksPValue() < 1e-6);
    }

    @Test
    void importanceIsAnAucDropThatLeavesNoiseNearZeroAndIsNotRenormalised() {
        DriftResult result = detector.detect(SyntheticSamples.normal(400, 6, "r"),
                SyntheticSamples.normal(400, 7, "c", BRIGHTNESS, 1.0));
        List<PropertyImportance> importance = result.importance();
        assertEquals(7, importance.size());
        double top = importance.get(0).importance();
        assertTrue(top > 0.1, "an AUC drop of a strong shift: " + top);
        assertTrue(top <= result.auc() - 0.5 + 1e-9, "cannot drop the AUC below chance on average");
        for (int i = 1; i < importance.size(); i++) {
            assertTrue(importance.get(i).importance() < 0.02, importance.get(i).toString());
            assertTrue(importance.get(i).importance() <= importance.get(i - 1).importance(), "largest first");
        }
        double sum = importance.stream().mapToDouble(PropertyImportance::importance).sum();
        assertTrue(Math.abs(sum - 1.0) > 0.1, "not renormalised: " + sum);
    }

    @Test
    void exemplarsAreTheMostCurrentLookingCurrentImagesAndTheLeastCurrentLookingReferenceImages() {
        DriftResult result = detector.detect(SyntheticSamples.normal(300, 8, "r"),
                SyntheticSamples.normal(300, 9, "c", BRIGHTNESS, 1.5));
        Exemplars exemplars = result.exemplars();
        assertEquals(5, exemplars.current().size());
        assertEquals(5, exemplars.reference().size());
        for (int i = 0; i < 5; i++) {
            assertTrue(exemplars.current().get(i).id().startsWith("c"));
            assertTrue(exemplars.reference().get(i).id().startsWith("r"));
            assertTrue(exemplars.current().get(i).score() > 0.5);
            assertTrue(exemplars.reference().get(i).score() < 0.5);
            if (i > 0) {
                assertTrue(exemplars.current().get(i).score() <= exemplars.current().get(i - 1).score());
                assertTrue(exemplars.reference().get(i).score() >= exemplars.reference().get(i - 1).score());
            }
        }
    }

    @Test
    void aFixedSeedGivesTheSameResultTwice() {
        Samples reference = SyntheticSamples.normal(300, 10, "r");
        Samples current = SyntheticSamples.normal(250, 11, "c", 3, 0.4);
        DriftResult first = detector.detect(reference, current);
        DriftResult second = new CalibratedDetector(DetectorSettings.calibratedDefaults()).detect(reference, current);
        assertEquals(first, second);
        DriftResult otherSeed = new CalibratedDetector(DetectorSettings.calibratedDefaults().withSeed(7))
                .detect(reference, current);
        assertTrue(otherSeed.auc() != first.auc() || !otherSeed.exemplars().equals(first.exemplars()),
                "the seed must matter");
    }

    @Test
    void unequalSidesUseEveryRow() {
        DriftResult result = detector.detect(SyntheticSamples.normal(150, 12, "r"), SyntheticSamples.normal(900, 13, "c"));
        assertEquals(150, result.nReference());
        assertEquals(900, result.nCurrent());
        assertTrue(result.reason().contains("150 reference vs 900 current"), result.reason());
    }

    @Test
    void grayscaleImagesInTheCurrentWindowAreDetectedThroughTheirMissingIntensities() {
        Samples reference = SyntheticSamples.normal(300, 14, "r");
        Samples current = SyntheticSamples.withGrayscale(SyntheticSamples.normal(300, 15, "c"), 0.4, 16);
        DriftResult result = detector.detect(reference, current);
        assertEquals(DriftStatus.DRIFT, result.status(), result.reason());
        assertTrue(result.importance().get(0).property().endsWith("Relative Intensity"),
                result.importance().get(0).toString());
        UnivariateDrift red = result.univariate().get(4);
        assertEquals(300, red.nReference());
        assertTrue(red.nCurrent() < 220 && red.nCurrent() > 140, "NaN dropped: " + red.nCurrent());
    }

    @Test
    void aColumnMissingEverywhereIsHarmless() {
        Samples reference = allMissing(SyntheticSamples.normal(100, 17, "r"), 6);
        Samples current = allMissing(SyntheticSamples.normal(100, 18, "c"), 6);
        DriftResult result = detector.detect(reference, current);
        assertEquals(DriftStatus.OK, result.status(), result.reason());
        UnivariateDrift blue = result.univariate().get(6);
        assertNull(blue.ks());
        assertNull(blue.emd());
        assertEquals(0, blue.nReference());
    }

    @Test
    void tooFewSamplesOnASideIsInsufficientData() {
        DriftResult result = detector.detect(SyntheticSamples.normal(29, 19, "r"), SyntheticSamples.normal(500, 20, "c"));
        assertEquals(DriftStatus.INSUFFICIENT_DATA, result.status());
        assertTrue(Double.isNaN(result.driftScore()));
        assertTrue(Double.isNaN(result.auc()));
        assertNull(result.pValue());
        assertNull(result.aucLower());
        assertTrue(result.reason().contains("29 reference and 500 current"), result.reason());
        assertTrue(result.importance().isEmpty());
        assertEquals(7, result.univariate().size());
        assertNotNull(result.univariate().get(0).ks(), "univariate still computed with 29 values");
    }

    @Test
    void aSignificantButTinyShiftStaysBelowTheEffectSizeFloor() {
        DetectorSettings settings = DetectorSettings.calibratedDefaults().withAlpha(0.05);
        DriftResult result = new CalibratedDetector(settings).detect(SyntheticSamples.normal(4000, 21, "r"),
                SyntheticSamples.normal(4000, 22, "c", BRIGHTNESS, 0.12));
        assertTrue(result.pValue() < 0.05, "p " + result.pValue());
        assertTrue(result.driftScore() < 0.1, "score " + result.driftScore());
        assertEquals(DriftStatus.OK, result.status());
        assertTrue(result.reason().contains("too small to matter"), result.reason());
    }

    @Test
    void whenNoModelCanSplitThereIsNoEvidenceAndTheReasonSaysWhy() {
        DetectorSettings settings = new DetectorSettings(DetectionMode.CALIBRATED, 5, 10, 2, 0.1, 200, 0.01, 0.1, 30, 2,
                2, 42L);
        DriftResult result = new CalibratedDetector(settings).detect(SyntheticSamples.normal(60, 27, "r"),
                SyntheticSamples.normal(60, 28, "c", BRIGHTNESS, 3.0));
        assertEquals(DriftStatus.OK, result.status());
        assertEquals(1.0, result.pValue());
        assertEquals(0.5, result.auc());
        assertTrue(result.reason().contains("same score") && result.reason().contains("minLeafSize 200"),
                result.reason());
    }

    @Test
    void foldsNeverExceedTheSmallerSide() {
        DetectorSettings settings = new DetectorSettings(DetectionMode.CALIBRATED, 10, 10, 2, 0.1, 20, 0.01, 0.1, 3, 2,
                2, 42L);
        DriftResult result = new CalibratedDetector(settings).detect(SyntheticSamples.normal(4, 23, "r"),
                SyntheticSamples.normal(200, 24, "c"));
        assertTrue(result.reason().contains("4 folds"), result.reason());
        assertTrue(result.pValue() >= 0 && result.pValue() <= 1);
    }

    @Test
    void badInputIsRejectedWithAMessageNamingIt() {
        Samples reference = SyntheticSamples.normal(50, 25, "r");
        Samples renamed = new Samples(List.of("a", "b", "c", "d", "e", "f", "g"), reference.rows(), reference.ids());
        IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
                () -> detector.detect(reference, renamed));
        assertTrue(names.getMessage().contains("properties"), names.getMessage());

        double[][] rows = SyntheticSamples.normal(50, 26, "c").rows();
        rows[7][1] = Double.POSITIVE_INFINITY;
        Samples broken = new Samples(SyntheticSamples.PROPERTIES, rows, SyntheticSamples.normal(50, 26, "c").ids());
        IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class,
                () -> detector.detect(reference, broken));
        assertTrue(infinite.getMessage().contains("'c7'") && infinite.getMessage().contains("'Area'"),
                infinite.getMessage());

        assertThrows(IllegalArgumentException.class, () -> detector.detect(null, reference));
        assertThrows(IllegalArgumentException.class,
                () -> new CalibratedDetector(DetectorSettings.referenceCheckDefaults()));
    }

    private static Samples allMissing(Samples samples, int column) {
        double[][] rows = new double[samples.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = samples.rows()[i].clone();
            rows[i][column] = Double.NaN;
        }
        return new Samples(samples.propertyNames(), rows, samples.ids());
    }
}
