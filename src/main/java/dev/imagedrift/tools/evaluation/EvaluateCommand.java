package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.DetectorSettings;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code evaluate}: measures both decision rules on real images - false alarms with no drift and
 * detection power under graded shifts, per window size - and writes docs/EVALUATION.md with its
 * plots. Exit codes: 0 written (whether or not every goal is met: the document says), 2 usage or
 * input errors.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measure false alarms and detection power of the calibrated rule and the reference check's rule "
                + "on real images, and write EVALUATION.md with tables and plots.",
                "Needs the Debian packages unpacked by scripts/fetch-eval-images.sh (scripts/evaluate.sh runs both)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "2:usage or input error"})
public final class EvaluateCommand implements Callable<Integer> {
    static final int INPUT_ERROR = 2;
    /** Largest Fashion-MNIST test set. */
    private static final int FASHION_MNIST_TEST_IMAGES = 10_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--images", defaultValue = "target/eval-images/x", paramLabel = "DIR",
            description = "The unpacked Debian packages (holds usr/), from scripts/fetch-eval-images.sh (default: ${DEFAULT-VALUE}).")
    Path images;

    @Option(names = "--cache", defaultValue = "target/eval-cache", paramLabel = "DIR",
            description = "Where property vectors are cached between runs (default: ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = "--out", defaultValue = "docs", paramLabel = "DIR",
            description = "Writes DIR/EVALUATION.md and DIR/evaluation/ (plots, results.csv) (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sizes", defaultValue = "50,100,200,500,1000,5000", split = ",", paramLabel = "N",
            description = "Window sizes, images per side (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--null-trials", defaultValue = "1000", paramLabel = "N",
            description = "No-drift trials per window size (default: ${DEFAULT-VALUE}).")
    int nullTrials;

    @Option(names = "--power-trials", defaultValue = "200", paramLabel = "N",
            description = "Trials per drift scenario and window size (default: ${DEFAULT-VALUE}).")
    int powerTrials;

    @Option(names = "--pool-size", defaultValue = "12000", paramLabel = "N",
            description = "Photo crops in the pool; two disjoint windows of the largest size must fit (default: ${DEFAULT-VALUE}).")
    int poolSize;

    @Option(names = "--domain-size", defaultValue = "6000", paramLabel = "N",
            description = "Images of each other domain (nebula crops, Fashion-MNIST; at most 10000) (default: ${DEFAULT-VALUE}).")
    int domainSize;

    @Option(names = "--burst-scenes", defaultValue = "3000", paramLabel = "N",
            description = "Scenes of the correlated-traffic trials (bursts of near-duplicate frames); 0 runs none (default: ${DEFAULT-VALUE}).")
    int burstScenes;

    @Option(names = "--alpha", defaultValue = "0.01", paramLabel = "P",
            description = "Calibrated rule: drift needs p below this (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--threshold", defaultValue = "0.1", paramLabel = "SCORE",
            description = "Effect-size floor of the calibrated rule and threshold of the reference check's rule (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--seed", defaultValue = "2024", paramLabel = "N",
            description = "Seed of the crops and of every trial (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "Trial threads; results do not depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--note", defaultValue = "", paramLabel = "TEXT",
            description = "A note printed with the run's machine and times, e.g. \"measured under load\".")
    String note;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--reuse-trials",
            description = "Render the report from the trial log of an earlier run with the same plan and images, if "
                    + "there is one in --cache, instead of running the trials again (for edits of the report template).")
    boolean reuseTrials;

    @Override
    public Integer call() {
        EvaluationPlan plan = plan();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(images.resolve("usr"))) {
            err.println("evaluate: " + images + " does not hold the unpacked packages (no usr/ inside); run "
                    + "scripts/fetch-eval-images.sh first, or pass --images");
            err.flush();
            return INPUT_ERROR;
        }
        Progress.Factory progress = quiet ? Progress.SILENT
                : System.console() != null ? Progress.bar() : Progress.lines(System.err);
        EvaluationPool pool = new EvaluationPool(images, poolSize, domainSize, domainSize, seed);
        EvaluationJob.Output output;
        try {
            output = EvaluationJob.run(plan, pool, burstScenes, cache, out, threads, regenerateCommand(), note, reuseTrials,
                    progress);
        } catch (NoSuchFileException e) {
            err.println("evaluate: " + e.getFile() + " is missing (" + (e.getReason() == null ? "no such file" : e.getReason())
                    + "); run scripts/fetch-eval-images.sh to unpack the packages the images come from");
            err.flush();
            return INPUT_ERROR;
        } catch (IOException | UncheckedIOException e) {
            err.println("evaluate: " + e.getMessage());
            err.flush();
            return INPUT_ERROR;
        }
        for (Goal g : output.goals()) {
            stdout.printf("%-12s %s: %s%n", g.verdict().text().toUpperCase(Locale.ROOT), g.statement(),
                    g.summary());
        }
        stdout.printf("wrote %s and %s/ (%s; trials took %d s)%n", output.document(), output.plots(),
                output.reusedTrials() ? "trials reused from the log of an earlier run" : "trials run now",
                output.run().trialTime().toSeconds());
        stdout.flush();
        return 0;
    }

    private EvaluationPlan plan() {
        if (sizes == null || sizes.isEmpty()) throw usage("--sizes needs at least one window size");
        List<Integer> sorted = new ArrayList<>(sizes);
        sorted.sort(null);
        int largest = sorted.get(sorted.size() - 1);
        if (threads < 1) throw usage("--threads must be at least 1, got " + threads);
        if (2L * largest > poolSize) {
            throw usage("--pool-size " + poolSize + " cannot hold two disjoint windows of " + largest + " (--sizes)");
        }
        if (domainSize < largest || domainSize > FASHION_MNIST_TEST_IMAGES) {
            throw usage("--domain-size must be between the largest window (" + largest + ") and "
                    + FASHION_MNIST_TEST_IMAGES + ", got " + domainSize);
        }
        if (burstScenes != 0) {
            int needed = EvaluationPlan.BURST_POOL_IMAGES;
            if (burstScenes < EvaluationPlan.MIN_BURST_SCENES) {
                throw usage("--burst-scenes must be 0 (no bursty trials) or at least " + EvaluationPlan.MIN_BURST_SCENES
                        + ", got " + burstScenes);
            }
            if (poolSize < needed) {
                throw usage("--pool-size " + poolSize + " cannot hold the bursty windows' " + needed + " reference and "
                        + "independent images; use --burst-scenes 0 to run none");
            }
        }
        DetectorSettings calibrated;
        DetectorSettings reference;
        try {
            calibrated = EvaluationPlan.decisionOnly(DetectorSettings.calibratedDefaults().withAlpha(alpha).withMinScore(threshold));
            reference = EvaluationPlan.decisionOnly(DetectorSettings.referenceCheckDefaults().withMinScore(threshold));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage().replace("alpha", "--alpha").replace("minScore", "--threshold"));
        }
        if (sorted.get(0) < calibrated.minSamples()) {
            throw usage("--sizes: windows need at least " + calibrated.minSamples() + " images per side (the detector's "
                    + "minimum), got " + sorted.get(0));
        }
        try {
            return new EvaluationPlan(sorted, nullTrials, powerTrials, EvaluationPool.scenarios(), calibrated, reference, seed);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage().replace("no-drift trials", "--null-trials").replace("drift trials", "--power-trials")
                    .replace("window sizes", "--sizes"));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * The command that regenerates the report: the script with this run's arguments, except those
     * that only describe this machine (--images, --cache, --threads, --note, --quiet).
     */
    String regenerateCommand() {
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs();
        List<String> local = List.of("--images", "--cache", "--threads", "--note");
        List<String> flags = List.of("--quiet", "--reuse-trials");
        StringBuilder command = new StringBuilder("scripts/evaluate.sh");
        // The parse result holds the whole command line; the script supplies the sub-command name.
        int first = !args.isEmpty() && args.get(0).equals(spec.name()) ? 1 : 0;
        for (int i = first; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (local.contains(name)) {
                if (!a.contains("=")) i++; // its value is the next argument
                continue;
            }
            if (flags.contains(a)) continue;
            command.append(' ').append(a.matches("[A-Za-z0-9_./,=:+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return command.toString();
    }
}
