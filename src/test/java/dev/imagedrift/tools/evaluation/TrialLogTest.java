package dev.imagedrift.tools.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrialLogTest {
    @TempDir
    Path dir;

    @Test
    void readsBackExactlyTheOutcomesAndTheRun() throws IOException {
        EvaluationResults results = EvaluationReportTest.results();
        Path log = dir.resolve("trials.csv.gz");
        Map<String, String> header = new LinkedHashMap<>();
        header.put(TrialLog.DESCRIPTION, "plan-a");
        header.putAll(EvaluationReportTest.run().toHeader());
        TrialLog.write(log, header, results);

        EvaluationResults read = TrialLog.read(log, "plan-a", results.plan()).orElseThrow();
        assertEquals(results.all(), read.all());
        RunInfo run = RunInfo.fromHeader(TrialLog.header(log), "scripts/evaluate.sh --null-trials 200");
        assertEquals(EvaluationReportTest.run(), run);
    }

    @Test
    void aLogOfAnotherRunIsNotUsed() throws IOException {
        EvaluationResults results = EvaluationReportTest.results();
        Path log = dir.resolve("trials.csv.gz");
        TrialLog.write(log, Map.of(TrialLog.DESCRIPTION, "plan-a"), results);
        assertEquals(Optional.empty(), TrialLog.read(log, "plan-b", results.plan()));
        assertEquals(Optional.empty(), TrialLog.read(dir.resolve("none.csv.gz"), "plan-a", results.plan()));
    }

    @Test
    void anIncompleteLogIsAnErrorNamingTheMissingTrial() throws IOException {
        Path log = dir.resolve("trials.csv.gz");
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(log)), StandardCharsets.UTF_8))) {
            out.write("# description=plan-a\n");
            out.write("none,50,0,OK,0.01,0.505,0.4,OK,0.02,0.51,0.7\n");
        }
        IOException e = assertThrows(IOException.class,
                () -> TrialLog.read(log, "plan-a", EvaluationReportTest.results().plan()));
        assertTrue(e.getMessage().contains("trial 1 of none at 50 is missing"), e.getMessage());
    }
}
