package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.Seeds;

/**
 * Seeds of one trial, derived from the run's seed, the window size and the trial number only, so
 * a trial's outcome does not depend on which thread runs it or when, and trial t at size n uses
 * the same windows and detector seeds in every scenario (common random numbers: differences
 * between scenarios are the shift's, not the draw's).
 */
final class TrialSeeds {
    private static final long WINDOWS = 0x57A1_D0E5L;
    private static final long DETECTOR = 0xDE7EC7L;
    private static final long DOMAIN = 0xD0_3A1AL;

    private TrialSeeds() {}

    /** Seed of the draw of the pool rows of both windows. */
    static long windows(long seed, int size, int trial) {
        return derive(seed, WINDOWS, size, trial);
    }

    /** Seed of the draw of the current window from another domain. */
    static long domain(long seed, int size, int trial) {
        return derive(seed, DOMAIN, size, trial);
    }

    /** Seed given to both detectors (folds, split, subsample, permutations). */
    static long detector(long seed, int size, int trial) {
        return derive(seed, DETECTOR, size, trial);
    }

    static long derive(long seed, long... parts) {
        return Seeds.derive(seed, parts);
    }
}
