package dev.imagedrift.cli;

import dev.imagedrift.reference.SnapshotOptions;
import picocli.CommandLine.Option;

/** {@code --max-samples} and {@code --seed}, shared by the commands that sample images; defaults from the code. */
final class SampleOptions {
    @Option(names = "--max-samples", paramLabel = "N",
            description = "Most images kept from a directory: a seeded uniform sample, like the reference check's "
                    + "n_samples (default: ${DEFAULT-VALUE}).")
    int maxSamples = SnapshotOptions.DEFAULT_MAX_SAMPLES;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of every random choice: the sample, folds, permutations (default: ${DEFAULT-VALUE}).")
    long seed = SnapshotOptions.DEFAULT_SEED;
}
