package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.DriftStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MatchedFalseAlarmsTest {
    private static CellResult noDrift(double[] pValues, double[] scores) {
        List<TrialOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < pValues.length; i++) {
            RuleOutcome c = new RuleOutcome(DriftStatus.OK, scores[i], 0.5 + scores[i] / 2, pValues[i]);
            RuleOutcome r = new RuleOutcome(DriftStatus.OK, scores[i], 0.5 + scores[i] / 2, Double.NaN);
            outcomes.add(new TrialOutcome(c, r));
        }
        return new CellResult(new Cell(Scenario.noDrift(), 50, pValues.length), outcomes);
    }

    @Test
    void picksTheLargestLevelWithinTheTarget() {
        CellResult cell = noDrift(new double[] {0.001, 0.02, 0.03, 0.2, 0.6, 0.004, 0.9, 0.5, 0.7, 0.8},
                new double[] {0.3, 0.3, 0.3, 0.3, 0.3, 0.05, 0.3, 0.3, 0.3, 0.3});
        // Windows reaching the floor 0.1 have p 0.001, 0.02, 0.03, 0.2, ...: two may alarm at a 20% target.
        MatchedFalseAlarms.Level level = MatchedFalseAlarms.match(cell, 0.1, 0.2);
        assertEquals(0.03, level.alpha(), 0.0);
        assertEquals(new Proportion(2, 10), level.falseAlarms());
        assertEquals(new Proportion(2, 10), MatchedFalseAlarms.alarms(cell, level.alpha(), 0.1));
    }

    @Test
    void whenTheFloorAloneStaysWithinTheTargetTheLevelIsOne() {
        CellResult cell = noDrift(new double[] {0.001, 0.5, 0.6, 0.7}, new double[] {0.3, 0.01, 0.02, 0.03});
        MatchedFalseAlarms.Level level = MatchedFalseAlarms.match(cell, 0.1, 0.5);
        assertEquals(1.0, level.alpha(), 0.0);
        assertEquals(new Proportion(1, 4), level.falseAlarms());
    }

    private static CellResult withKs(double[] scores, double[] ksBonferroni) {
        List<TrialOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            RuleOutcome c = new RuleOutcome(DriftStatus.OK, 0.0, 0.5, 0.5);
            RuleOutcome r = new RuleOutcome(DriftStatus.OK, scores[i], 0.5 + scores[i] / 2, Double.NaN);
            outcomes.add(new TrialOutcome(c, r, ksBonferroni[i]));
        }
        return new CellResult(new Cell(Scenario.noDrift(), 50, scores.length), outcomes);
    }

    @Test
    void theReferenceChecksThresholdIsRaisedUntilItsNoDriftRateIsWithinTheTarget() {
        CellResult cell = withKs(new double[] {0.05, 0.31, 0.12, 0.4, 0.2, 0.2, 0.0, 0.08, 0.15, 0.11},
                new double[10]);
        // At most one of ten may alarm: the threshold must pass the second largest score, 0.31.
        double t = MatchedFalseAlarms.referenceThreshold(cell, 0.1, 0.1);
        assertEquals(Math.nextUp(0.31), t, 0.0);
        assertEquals(new Proportion(1, 10), MatchedFalseAlarms.referenceAlarms(cell, t));
        // A target the default threshold already meets leaves it at the default.
        assertEquals(0.1, MatchedFalseAlarms.referenceThreshold(cell, 0.1, 0.9), 0.0);
    }

    @Test
    void theKsLevelAdmitsAtMostTheTargetShare() {
        double[] p = {0.9, 0.002, 0.5, 0.03, 0.0001, 0.7, 0.2, 0.04, 1.0, 0.6};
        CellResult cell = withKs(new double[10], p);
        double level = MatchedFalseAlarms.ksLevel(cell, 0.2);
        assertEquals(0.03, level, 0.0);
        assertEquals(new Proportion(2, 10), MatchedFalseAlarms.ksAlarms(cell, level));
    }
}
