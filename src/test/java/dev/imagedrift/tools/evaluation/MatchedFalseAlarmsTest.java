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
}
