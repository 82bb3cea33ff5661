package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.Samples;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The harness switches off importance and exemplars to save time; that must not change any
 * decision: same status, score, AUC and p-value as the product's full defaults.
 */
class DecisionOnlySettingsTest {
    @Test
    void importanceAndExemplarsDoNotChangeTheDecision() {
        PropertyTable pool = EvaluationFixtures.normalTable("pool", 600, 21, -1, 0);
        PropertyTable shifted = EvaluationFixtures.shifted(pool, "shifted", 2, 0.3);
        int[] rows = new int[600];
        for (int i = 0; i < rows.length; i++) rows[i] = i;
        for (DetectorSettings full : List.of(DetectorSettings.calibratedDefaults(), DetectorSettings.referenceCheckDefaults())) {
            for (long seed = 1; seed <= 3; seed++) {
                for (PropertyTable current : List.of(pool, shifted)) {
                    Samples ref = pool.window(rows, 0, 300);
                    Samples cur = current.window(rows, 300, 600);
                    DriftResult a = Detectors.create(full.withSeed(seed)).detect(ref, cur);
                    DriftResult b = Detectors.create(EvaluationPlan.decisionOnly(full).withSeed(seed)).detect(ref, cur);
                    String what = full.mode() + " seed " + seed + " " + current.name();
                    assertEquals(a.status(), b.status(), what);
                    assertEquals(a.driftScore(), b.driftScore(), 0.0, what);
                    assertEquals(a.auc(), b.auc(), 0.0, what);
                    assertEquals(a.pValue(), b.pValue(), what);
                }
            }
        }
    }
}
