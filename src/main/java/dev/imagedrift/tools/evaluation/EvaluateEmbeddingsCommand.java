package dev.imagedrift.tools.evaluation;

import dev.imagedrift.embedding.EmbedderSpec;
import dev.imagedrift.embedding.Embedders;
import dev.imagedrift.embedding.ImageEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code evaluate-embeddings}: the content-shift scenario ({@link ContentShiftEvaluation}) on
 * Fashion-MNIST with an ONNX model (by default the bundled test model), printing the false-alarm
 * and detection rates of the property test, the embedding test and the combined decision.
 */
@Command(name = "evaluate-embeddings", mixinStandardHelpOptions = true,
        description = "Content shift under unchanged light: false alarms and detection of the embedding test "
                + "(Fashion-MNIST classes of near-equal brightness and contrast; docs/EVALUATION.md).")
public final class EvaluateEmbeddingsCommand implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "target/eval-images/x/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz",
            description = "Fashion-MNIST test images, IDX gzip (scripts/fetch-eval-images.sh; default: ${DEFAULT-VALUE}).")
    Path images;

    @Option(names = "--labels", defaultValue = "target/eval-images/x/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz",
            description = "Their labels (default: ${DEFAULT-VALUE}).")
    Path labels;

    @Option(names = "--onnx-model", defaultValue = "samples/models/tiny-embedder.onnx",
            description = "The embedding model (default: ${DEFAULT-VALUE}, input 32).")
    Path model;

    @Option(names = "--input-size", defaultValue = "32", description = "The model's input size (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--window", defaultValue = "200", description = "Images a window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--null-trials", defaultValue = "500", description = "No-drift windows (default: ${DEFAULT-VALUE}).")
    int nullTrials;

    @Option(names = "--drift-trials", defaultValue = "200", description = "Drifted windows (default: ${DEFAULT-VALUE}).")
    int driftTrials;

    @Option(names = "--fraction", defaultValue = "0.5",
            description = "Share of a drifted window from the other class (default: ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        EmbedderSpec spec = new EmbedderSpec(model, null, inputSize, null, null);
        long start = System.nanoTime();
        ContentShiftEvaluation.Result r;
        try (ImageEmbedder embedder = Embedders.open(spec, getClass().getClassLoader())) {
            r = ContentShiftEvaluation.run(images, labels, embedder, window, nullTrials, driftTrials, fraction, seed);
        }
        System.out.printf(Locale.ROOT, "classes %d vs %d: brightness gap %.3f sd, contrast gap %.3f sd; reference %d, "
                        + "window %d, drifted share %.2f, alpha %s (each test alpha/2)%n", r.classA(), r.classB(),
                r.brightnessGap(), r.contrastGap(), r.reference(), r.window(), r.fraction(), r.alpha());
        print("no drift", r.noDrift());
        print("content drift", r.drift());
        System.out.printf(Locale.ROOT, "elapsed %.0f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static void print(String name, ContentShiftEvaluation.Rates rates) {
        System.out.printf(Locale.ROOT, "%-14s %d windows: DRIFT by properties %s, by embeddings %s, combined %s%n", name,
                rates.trials(), share(rates.properties(), rates.trials()), share(rates.embedding(), rates.trials()),
                share(rates.combined(), rates.trials()));
    }

    private static String share(int k, int n) {
        return String.format(Locale.ROOT, "%d (%.1f%%)", k, 100.0 * k / n);
    }
}
