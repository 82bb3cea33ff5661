package dev.imagedrift.reference;

import dev.imagedrift.detect.DetectorSettings;

/**
 * How a snapshot is built from a directory.
 *
 * @param maxSamples bound on the rows kept (the reference check's n_samples is 10,000)
 * @param seed       seed of the uniform sample
 * @param threads    worker threads computing properties; the result does not depend on it
 * @param progress   show a progress bar on stderr
 * @param sampleFirst decode only until the sample is full (same sample; counts and skips then cover
 *                    only the files tried), instead of every image file
 */
public record SnapshotOptions(int maxSamples, long seed, int threads, boolean progress, boolean sampleFirst) {
    /** The reference check's n_samples; also the default bound of a window's reservoir. */
    public static final int DEFAULT_MAX_SAMPLES = 10_000;
    public static final long DEFAULT_SEED = DetectorSettings.DEFAULT_SEED;

    public SnapshotOptions {
        if (maxSamples < 1) throw new IllegalArgumentException("maxSamples must be at least 1, got " + maxSamples);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }

    /** 10,000 samples, seed 42, one thread per core, no progress bar, every file read. */
    public static SnapshotOptions defaults() {
        return new SnapshotOptions(DEFAULT_MAX_SAMPLES, DEFAULT_SEED, Runtime.getRuntime().availableProcessors(),
                false, false);
    }

    public SnapshotOptions withMaxSamples(int newMaxSamples) {
        return new SnapshotOptions(newMaxSamples, seed, threads, progress, sampleFirst);
    }

    public SnapshotOptions withSeed(long newSeed) {
        return new SnapshotOptions(maxSamples, newSeed, threads, progress, sampleFirst);
    }

    public SnapshotOptions withThreads(int newThreads) {
        return new SnapshotOptions(maxSamples, seed, newThreads, progress, sampleFirst);
    }

    public SnapshotOptions withProgress(boolean show) {
        return new SnapshotOptions(maxSamples, seed, threads, show, sampleFirst);
    }

    public SnapshotOptions withSampleFirst(boolean stopWhenFull) {
        return new SnapshotOptions(maxSamples, seed, threads, progress, stopWhenFull);
    }
}
