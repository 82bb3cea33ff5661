package dev.imagedrift.tools.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrialRunnerTest {
    private static final PropertyTable POOL = EvaluationFixtures.normalTable("pool/none", 400, 11, -1, 0);

    private static TrialRunner runner(EvaluationData data, int threads) {
        EvaluationPlan plan = EvaluationFixtures.plan(List.of(40), 1, 1, List.of());
        return new TrialRunner(data, plan.calibrated(), plan.referenceCheck(), 99L, threads);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Scenario brighter = Scenario.shifted(Shift.BRIGHTNESS_16);
        EvaluationData data = new EvaluationData(Map.of(Shift.NONE, POOL,
                Shift.BRIGHTNESS_16, EvaluationFixtures.shifted(POOL, "pool/brightness+16", 2, 0.5)), Map.of());
        List<Cell> cells = List.of(new Cell(Scenario.noDrift(), 40, 12), new Cell(brighter, 60, 8));
        AtomicInteger done = new AtomicInteger();
        List<CellResult> one = runner(data, 1).run(cells, done::incrementAndGet);
        List<CellResult> three = runner(data, 3).run(cells, () -> {});
        assertEquals(20, done.get(), "one progress step per trial");
        assertEquals(one, three);
    }

    @Test
    void everyScenarioOfATrialUsesTheSameWindowsAndSeeds() {
        // A "shift" that changes nothing must give exactly the no-drift outcome of the same trial.
        EvaluationData data = new EvaluationData(Map.of(Shift.NONE, POOL,
                Shift.BRIGHTNESS_2, new PropertyTable("pool/brightness+2", POOL.propertyNames(), POOL.ids(), POOL.rows())),
                Map.of());
        TrialRunner runner = runner(data, 1);
        for (int t = 0; t < 5; t++) {
            assertEquals(runner.trial(Scenario.noDrift(), 50, t), runner.trial(Scenario.shifted(Shift.BRIGHTNESS_2), 50, t));
        }
    }

    @Test
    void aStrongShiftIsDetectedByBothRulesAndTheNullIsNot() {
        EvaluationData data = new EvaluationData(Map.of(Shift.NONE, POOL,
                Shift.BRIGHTNESS_16, EvaluationFixtures.shifted(POOL, "pool/brightness+16", 2, 3.0)), Map.of());
        TrialRunner runner = runner(data, 1);
        TrialOutcome shifted = runner.trial(Scenario.shifted(Shift.BRIGHTNESS_16), 80, 0);
        assertTrue(shifted.calibrated().drift() && shifted.referenceCheck().drift(), shifted.toString());
        assertTrue(shifted.calibrated().pValue() < 1e-6, shifted.toString());
        assertTrue(Double.isNaN(shifted.referenceCheck().pValue()), "the reference check has no p-value");
    }

    @Test
    void aDomainScenarioDrawsItsCurrentWindowFromTheDomain() {
        PropertyTable other = EvaluationFixtures.normalTable("domain/other", 100, 12, 1, 4.0);
        EvaluationData data = new EvaluationData(Map.of(Shift.NONE, POOL), Map.of("other", other));
        TrialOutcome o = runner(data, 1).trial(Scenario.otherDomain("other", "Other"), 60, 3);
        assertTrue(o.calibrated().drift() && o.calibrated().score() > 0.9, o.toString());
    }

    @Test
    void refusesCellsThePoolCannotHold() {
        EvaluationData data = EvaluationData.nullOnly(POOL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> runner(data, 1).run(List.of(new Cell(Scenario.noDrift(), 201, 1)), () -> {}));
        assertTrue(e.getMessage().contains("400") && e.getMessage().contains("201"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> runner(data, 1).run(List.of(new Cell(Scenario.shifted(Shift.WARM_CAST), 50, 1)), () -> {}));
    }
}
