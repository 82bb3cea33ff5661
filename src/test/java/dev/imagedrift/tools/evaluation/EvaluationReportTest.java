package dev.imagedrift.tools.evaluation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationReportTest {
    static final Scenario BRIGHT = Scenario.shifted(Shift.BRIGHTNESS_16);
    static final Scenario DOMAIN = Scenario.otherDomain("nebulae", "Other domain: nebula photos");

    static EvaluationResults results() {
        EvaluationPlan plan = EvaluationFixtures.plan(List.of(50, 500), 200, 100, List.of(BRIGHT, DOMAIN));
        return EvaluationFixtures.results(plan, cell -> cell.scenario().isNoDrift()
                ? EvaluationFixtures.counts(cell.trials(), cell.size() == 50 ? 1 : 2, cell.size() == 50 ? 60 : 14, 0.04)
                : EvaluationFixtures.counts(cell.trials(), cell.size() == 50 ? 40 : 100, cell.size() == 50 ? 70 : 100, 0.3));
    }

    static RunInfo run() {
        return new RunInfo(Instant.parse("2024-06-11T10:00:00Z"), Duration.ofSeconds(95), Duration.ofSeconds(1500),
                false, 2, "Test CPU, 2 cores", "Test JVM", "1.5", "2.5", "scripts/evaluate.sh --null-trials 200",
                "measured under load");
    }

    static PoolDescription pool() {
        return new PoolDescription(12_000, 44, 6_000, 390, 6_000,
                Map.of(BRIGHT.key(), "Brightness +0.34 sd", DOMAIN.key(), "Brightness -1.70 sd"));
    }

    @Test
    void fillsEveryPlaceholderWithTheRunsNumbers() {
        EvaluationResults results = results();
        String doc = EvaluationReport.render(results, Goals.evaluate(results), run(), pool(), "evaluation");
        assertFalse(doc.contains("{{"), "an unfilled placeholder is left");
        assertTrue(doc.contains("scripts/evaluate.sh --null-trials 200"), "the regenerating command");
        assertTrue(doc.contains("Test CPU, 2 cores") && doc.contains("25 min 00 s") && doc.contains("measured under load"));
        assertTrue(doc.contains("| 50 | 200 | **0.50%** (1) |"), "false-alarm row at 50 per side");
        assertTrue(doc.contains("| Brightness +16 levels | 40.0% / **70.0%** | 100.0% / 100.0% |"), "power row");
        assertTrue(doc.contains("Brightness +0.34 sd"), "scenario effects");
        assertTrue(doc.contains("![Power curves per scenario, both rules, with the reference check's no-drift rate]"
                + "(evaluation/power-curves.png)"));
        assertTrue(doc.contains("| 1.0% | alpha = 0.01 exactly (nominal) | 2.88 |"), "alert-rate row");
        assertTrue(doc.contains("12,000 random crops of the 44 colour"));
    }

    @Test
    void csvHasOneLinePerCellAndRule() {
        String csv = EvaluationReport.csv(results());
        String[] lines = csv.split("\n");
        assertEquals(1 + 2 * 6, lines.length);
        assertTrue(lines[1].startsWith("none,50,200,calibrated,1,0.005000,"), lines[1]);
    }

    @Test
    void anUnknownPlaceholderIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EvaluationReport.fill("a {{MISSING}} b", Map.of()));
        assertTrue(e.getMessage().contains("MISSING"), e.getMessage());
        assertEquals("a 1$ b", EvaluationReport.fill("a {{X}} b", Map.of("X", "1$")));
    }
}
