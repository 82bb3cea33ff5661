package dev.imagedrift.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceCheckDetectorTest {
    private static final int BRIGHTNESS = 2;
    private final DriftDetector detector = new ReferenceCheckDetector(DetectorSettings.referenceCheckDefaults());

    @Test
    void bothSidesAreSubsampledToTheSmallerCount() {
        DriftResult result = detector.detect(SyntheticSamples.normal(120, 1, "r"), SyntheticSamples.normal(700, 2, "c"));
        assertEquals(120, result.nReference());
        assertEquals(120, result.nCurrent());
        // ceil(30% of 120) = 36 held out per side.
        assertTrue(result.reason().contains("on 36 reference vs 36 current"), result.reason());
        assertTrue(result.reason().contains("subsampled to 120"), result.reason());
        assertEquals(700, result.univariate().get(0).nCurrent(), "the per-property tests use every row");
    }

    @Test
    void heldOutShareRoundsUpAsTheReferenceCheckDoesAndLeavesRowsToTrain() {
        assertEquals(3, ReferenceCheckDetector.heldOutPerSide(10));
        assertEquals(30, ReferenceCheckDetector.heldOutPerSide(100));
        assertEquals(31, ReferenceCheckDetector.heldOutPerSide(101));
        assertEquals(1, ReferenceCheckDetector.heldOutPerSide(2));
    }

    @Test
    void aScoreBelowChanceIsClippedToZeroWhileTheAucIsReportedAsItIs() {
        Samples images = SyntheticSamples.normal(400, 3, "img");
        DriftResult result = detector.detect(images, images);
        assertTrue(result.auc() < 0.5, "duplicated rows push the held-out AUC below 0.5: " + result.auc());
        assertEquals(0.0, result.driftScore());
        assertEquals(DriftStatus.OK, result.status());
        assertNull(result.pValue());
        assertNull(result.aucLower());
        assertNull(result.aucUpper());
    }

    @Test
    void aClearShiftIsDriftAndImportanceSharesSumToOne() {
        DriftResult result = detector.detect(SyntheticSamples.normal(500, 4, "r"),
                SyntheticSamples.normal(500, 5, "c", BRIGHTNESS, 1.0));
        assertEquals(DriftStatus.DRIFT, result.status(), result.reason());
        assertEquals(Math.max(2 * result.auc() - 1, 0), result.driftScore(), 1e-15);
        assertEquals("Brightness", result.importance().get(0).property());
        double sum = result.importance().stream().mapToDouble(PropertyImportance::importance).sum();
        assertEquals(1.0, sum, 1e-12);
        assertTrue(result.reason().startsWith("DRIFT: drift score"), result.reason());
    }

    @Test
    void theThresholdDecides() {
        Samples reference = SyntheticSamples.normal(300, 6, "r");
        Samples current = SyntheticSamples.normal(300, 7, "c", BRIGHTNESS, 0.5);
        DriftResult loose = detector.detect(reference, current);
        double score = loose.driftScore();
        assertTrue(score > 0.05, "score " + score);
        DriftResult atScore = new ReferenceCheckDetector(DetectorSettings.referenceCheckDefaults().withMinScore(score))
                .detect(reference, current);
        assertEquals(DriftStatus.DRIFT, atScore.status(), "score >= threshold is drift");
        DriftResult above = new ReferenceCheckDetector(
                DetectorSettings.referenceCheckDefaults().withMinScore(Math.min(1.0, score + 1e-6))).detect(reference, current);
        assertEquals(DriftStatus.OK, above.status());
    }

    @Test
    void exemplarsScoreEveryRowIncludingRowsLeftOutOfTheSubsample() {
        // Every current image is far brighter: the trees split on brightness alone and give all 400
        // current rows one score, so the exemplars are the first five by input order - c0..c4 - only
        // if all 400 rows were scored, not just the 40 that the subsample kept.
        Samples reference = SyntheticSamples.normal(40, 8, "r");
        Samples current = SyntheticSamples.normal(400, 9, "c", BRIGHTNESS, 100.0);
        DriftResult result = detector.detect(reference, current);
        assertEquals(40, result.nCurrent());
        assertEquals(java.util.List.of("c0", "c1", "c2", "c3", "c4"),
                result.exemplars().current().stream().map(Exemplar::id).toList());
        assertEquals(java.util.List.of("r0", "r1", "r2", "r3", "r4"),
                result.exemplars().reference().stream().map(Exemplar::id).toList());
        assertTrue(result.exemplars().current().get(0).score() > 0.5);
    }

    @Test
    void insufficientDataAndDeterminism() {
        DriftResult few = detector.detect(SyntheticSamples.normal(10, 10, "r"), SyntheticSamples.normal(100, 11, "c"));
        assertEquals(DriftStatus.INSUFFICIENT_DATA, few.status());

        Samples reference = SyntheticSamples.normal(200, 12, "r");
        Samples current = SyntheticSamples.normal(260, 13, "c", 1, 0.3);
        assertEquals(detector.detect(reference, current), detector.detect(reference, current));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceCheckDetector(DetectorSettings.calibratedDefaults()));
    }

    @Test
    void onSmallNullWindowsTheReferenceRuleAlarmsOftenAndTheCalibratedRuleRarely() {
        DriftDetector calibrated = new CalibratedDetector(DetectorSettings.calibratedDefaults());
        int trials = 100;
        int referenceAlarms = 0;
        int calibratedAlarms = 0;
        for (int t = 0; t < trials; t++) {
            Samples reference = SyntheticSamples.normal(64, 9_000 + 2L * t, "r");
            Samples current = SyntheticSamples.normal(64, 9_001 + 2L * t, "c");
            if (detector.detect(reference, current).status() == DriftStatus.DRIFT) referenceAlarms++;
            if (calibrated.detect(reference, current).status() == DriftStatus.DRIFT) calibratedAlarms++;
        }
        // reference-check.md: P(score >= 0.1) is about 0.30 at 64 images per side.
        assertTrue(referenceAlarms >= 15, "reference rule alarms: " + referenceAlarms);
        assertTrue(calibratedAlarms <= 3, "calibrated rule alarms (alpha 0.01): " + calibratedAlarms);
    }
}
