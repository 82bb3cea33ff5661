package dev.imagedrift.tools.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole evaluation: vectors (cached), trials (logged, or reused from the log of an identical
 * run), goals, plots, results.csv and EVALUATION.md.
 */
public final class EvaluationJob {
    public static final String DOCUMENT = "EVALUATION.md";
    public static final String PLOT_DIR = "evaluation";

    /**
     * @param results     every trial's outcome
     * @param goals       the goals and whether they are met
     * @param run         machine and times of the run that measured the trials
     * @param document    the EVALUATION.md written
     * @param plots       the directory of plots and results.csv
     * @param reusedTrials whether the trials came from the log of an earlier identical run
     */
    public record Output(EvaluationResults results, List<Goal> goals, RunInfo run, Path document, Path plots,
                         boolean reusedTrials) {}

    private EvaluationJob() {}

    /**
     * @param command      the command that regenerates the report (shown in it)
     * @param reuseTrials  render from the trial log of an earlier run of this exact plan and data, if
     *                     there is one, instead of running the trials again
     */
    public static Output run(EvaluationPlan plan, EvaluationPool pool, Path cache, Path out, int threads, String command,
                             String note, boolean reuseTrials, Progress.Factory progress) throws IOException {
        return run(plan, pool, 0, cache, out, threads, command, note, reuseTrials, progress);
    }

    /**
     * @param burstScenes scenes in the burst bank of the correlated-traffic trials ({@link BurstBank}); 0 runs none
     */
    public static Output run(EvaluationPlan plan, EvaluationPool pool, int burstScenes, Path cache, Path out, int threads,
                             String command, String note, boolean reuseTrials, Progress.Factory progress)
            throws IOException {
        Instant started = Instant.now();
        String loadBefore = RunInfo.loadAverage();
        long t0 = System.nanoTime();
        boolean cached = pool.isCached(cache);
        EvaluationData data = pool.load(cache, threads, progress);
        Duration dataTime = Duration.ofNanos(System.nanoTime() - t0);

        String description = describe(plan, pool.fingerprint());
        Path log = cache.resolve("trials-" + hash(description) + ".csv.gz");
        Optional<EvaluationResults> logged = reuseTrials ? TrialLog.read(log, description, plan) : Optional.empty();
        EvaluationResults results;
        RunInfo run;
        if (logged.isPresent()) {
            results = logged.get();
            run = RunInfo.fromHeader(TrialLog.header(log), command);
        } else {
            long t1 = System.nanoTime();
            results = Evaluation.run(plan, data, threads, progress);
            Duration trialTime = Duration.ofNanos(System.nanoTime() - t1);
            run = new RunInfo(started, dataTime, trialTime, cached, threads, RunInfo.describeMachine(),
                    RunInfo.describeJava(), loadBefore, RunInfo.loadAverage(), command, note);
            Map<String, String> header = new LinkedHashMap<>();
            header.put(TrialLog.DESCRIPTION, description);
            header.putAll(run.toHeader());
            TrialLog.write(log, header, results);
        }

        List<BurstTrials.Cell> bursts = List.of();
        if (burstScenes > 0) {
            BurstBank bank = BurstBank.load(pool.root(), burstScenes, plan.seed(), cache, threads, progress);
            BurstTrials trials = new BurstTrials(data, bank, plan.calibrated(), plan.referenceCheck(), plan.seed());
            List<BurstScenario> scenarios = BurstScenario.defaults();
            long count = scenarios.stream().mapToLong(s -> BurstTrials.variants(s).stream()
                    .mapToLong(v -> v == BurstBank.Variant.NONE ? plan.nullTrials() : plan.powerTrials()).sum()).sum();
            try (Progress p = progress.start("bursty trials", count, "trials")) {
                bursts = trials.run(scenarios, plan.nullTrials(), plan.powerTrials(), threads, p::step);
            }
        }
        List<Goal> goals = new java.util.ArrayList<>(Goals.evaluate(results));
        goals.addAll(BurstReport.goals(bursts, plan.alpha()));
        PoolDescription poolDescription = PoolDescription.of(pool, data, plan.scenarios());
        Path plots = out.resolve(PLOT_DIR);
        Path document = out.resolve(DOCUMENT);
        Files.createDirectories(plots);
        EvaluationCharts.writeAll(results, plots);
        Files.writeString(plots.resolve("results.csv"), EvaluationReport.csv(results), StandardCharsets.UTF_8);
        Files.writeString(document, EvaluationReport.render(results, goals, run, poolDescription, PLOT_DIR, bursts),
                StandardCharsets.UTF_8);
        return new Output(results, goals, run, document, plots, logged.isPresent());
    }

    /** Everything the trials' outcomes depend on (not where the images are unpacked). */
    static String describe(EvaluationPlan plan, String vectors) {
        return "plan=" + plan + ";vectors=" + hash(vectors) + ";log=" + TrialLog.FORMAT;
    }

    private static String hash(String description) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(description.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
