package dev.imagedrift.tools.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoalsTest {
    private static final Scenario BRIGHT = Scenario.shifted(Shift.BRIGHTNESS_16);
    private static final Scenario WARM = Scenario.shifted(Shift.WARM_CAST);

    @Test
    void falseAlarmGoalIsMetOnlyAtOrBelowAlphaAtEverySize() {
        EvaluationPlan plan = EvaluationFixtures.plan(List.of(50, 500), 1000, 10, List.of());
        Goal met = Goals.falseAlarms(EvaluationFixtures.results(plan,
                cell -> EvaluationFixtures.counts(1000, 10, 300, 0.05)));
        assertTrue(met.met(), met.toString());
        assertTrue(met.summary().contains("1.0%"), met.summary());

        Goal missed = Goals.falseAlarms(EvaluationFixtures.results(plan,
                cell -> EvaluationFixtures.counts(1000, cell.size() == 500 ? 14 : 5, 300, 0.05)));
        assertFalse(missed.met());
        assertTrue(missed.details().get(1).contains("alpha is inside the interval"), missed.details().get(1));
    }

    @Test
    void powerGoalLooksFromFiveHundredPerSideAndExplainsEachMiss() {
        EvaluationPlan plan = EvaluationFixtures.plan(List.of(100, 500, 1000), 100, 100, List.of(BRIGHT, WARM));
        EvaluationResults results = EvaluationFixtures.results(plan, cell -> {
            if (cell.scenario().equals(WARM) && cell.size() == 500) return EvaluationFixtures.counts(100, 60, 80, 0.12);
            if (cell.size() == 100) return EvaluationFixtures.counts(100, 0, 50, 0.05); // below 500: not judged
            return EvaluationFixtures.counts(100, cell.scenario().isNoDrift() ? 1 : 100, cell.scenario().isNoDrift() ? 9 : 100, 0.3);
        });
        Goal power = Goals.powerAtLeastReference(results);
        assertFalse(power.met());
        assertEquals(1, power.details().size(), power.details().toString());
        String miss = power.details().get(0);
        assertTrue(miss.startsWith("Warm cast") && miss.contains("500 per side"), miss);
        assertTrue(miss.contains("calibrated 60.0% vs reference check 80.0%"), miss);
        assertTrue(miss.contains("9.0% of no-drift windows"), miss);
        assertTrue(miss.contains("only the reference check called DRIFT: 20; only the calibrated rule: 0"), miss);

        Goal full = Goals.fullPower(results, BRIGHT);
        assertTrue(full.met(), full.toString());
    }

    @Test
    void powerGoalsAreNotMeasuredWithoutLargeWindows() {
        EvaluationPlan plan = EvaluationFixtures.plan(List.of(50, 100), 10, 10, List.of(BRIGHT));
        EvaluationResults results = EvaluationFixtures.results(plan, cell -> EvaluationFixtures.counts(10, 1, 5, 0.1));
        assertEquals(Goal.Verdict.NOT_MEASURED, Goals.powerAtLeastReference(results).verdict());
        assertEquals(Goal.Verdict.NOT_MEASURED, Goals.fullPower(results, BRIGHT).verdict());
        assertFalse(Goals.fullPower(results, BRIGHT).met());
    }

    @Test
    void exactMcNemarTest() {
        assertEquals(1.0, Goals.mcNemar(0, 0));
        assertEquals(0.0625, Goals.mcNemar(0, 5), 1e-12);
        assertEquals(0.0625, Goals.mcNemar(5, 0), 1e-12);
        assertEquals(22.0 / 1024, Goals.mcNemar(1, 9), 1e-12);
        assertEquals(1.0, Goals.mcNemar(3, 3));
    }
}
