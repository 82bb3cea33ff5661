package dev.imagedrift.tools.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole pipeline on stand-in packages: crops, vectors, cache, trials, log, plots, document. */
class EvaluationJobTest {
    @TempDir
    Path dir;

    @Test
    void writesTheReportAndRendersItAgainFromTheTrialLog() throws Exception {
        Path root = FakePackages.create(dir.resolve("x"));
        EvaluationPool pool = new EvaluationPool(root, 120, 60, 60, 3L);
        assertEquals(FakePackages.QUALIFYING_NEBULAE, pool.nebulaPhotographs(),
                "nebula photographs: too small, with alpha, non-PNG and those of the pool are left out");
        EvaluationPlan plan = EvaluationFixtures.plan(List.of(30, 40), 4, 2, EvaluationPool.scenarios());
        Path cache = dir.resolve("cache");
        Path out = dir.resolve("docs");

        assertFalse(pool.isCached(cache));
        EvaluationJob.Output first = EvaluationJob.run(plan, pool, cache, out, 2, "scripts/evaluate.sh", "", false,
                Progress.SILENT);
        assertTrue(pool.isCached(cache), "vectors cached");
        assertFalse(first.reusedTrials());
        String document = Files.readString(out.resolve("EVALUATION.md"));
        assertFalse(document.contains("{{"));
        assertTrue(document.contains("Other domain: Fashion-MNIST"), "every scenario reported");
        for (String png : List.of("false-alarms.png", "false-alarms-calibrated.png", "power-curves.png",
                "null-p-values.png", "results.csv")) {
            assertTrue(Files.size(out.resolve("evaluation").resolve(png)) > 0, png);
        }
        // Fashion-MNIST stand-ins are grayscale noise: nothing like the colour crops.
        assertEquals(1.0, first.results().cell(Scenario.otherDomain(EvaluationPool.FASHION_MNIST, "Fashion-MNIST"), 40)
                .alarms(Rule.CALIBRATED).rate(), 0.0);

        EvaluationJob.Output again = EvaluationJob.run(plan, pool, cache, out, 1, "scripts/evaluate.sh", "", true,
                Progress.SILENT);
        assertTrue(again.reusedTrials());
        assertEquals(first.results().all(), again.results().all());
        assertEquals(document, Files.readString(out.resolve("EVALUATION.md")), "same run, same document");
    }
}
