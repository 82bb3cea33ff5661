package dev.imagedrift.detect;

/**
 * Everything that decides a detector's result; echoed in every result so a reader can tell how
 * a score was produced.
 *
 * @param mode               the decision rule
 * @param folds              stratified folds for out-of-fold scores (CALIBRATED)
 * @param trees              boosting iterations (reference check: 10)
 * @param maxDepth           tree depth (reference check: 2)
 * @param learningRate       shrinkage (reference check: 0.1)
 * @param minLeafSize        minimum samples in a leaf (reference check: 20)
 * @param alpha              significance level of one comparison, after any correction across
 *                           streams (CALIBRATED)
 * @param minScore           effect-size floor on max(2*AUC-1, 0) (CALIBRATED), or the
 *                           reference check's threshold (REFERENCE_CHECK)
 * @param minSamples         fewer samples than this on either side gives INSUFFICIENT_DATA
 * @param importanceRepeats  permutation repeats per property
 * @param exemplars          how many exemplar ids to report per side
 * @param seed               seed of every random choice (splits, subsampling, permutations)
 */
public record DetectorSettings(DetectionMode mode, int folds, int trees, int maxDepth, double learningRate,
                               int minLeafSize, double alpha, double minScore, int minSamples,
                               int importanceRepeats, int exemplars, long seed) {

    /** The seed of every random choice unless configured: the reference check's own seed. */
    public static final long DEFAULT_SEED = 42L;

    public DetectorSettings {
        if (mode == null) throw new IllegalArgumentException("mode must be set");
        if (folds < 2) throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        if (trees < 1) throw new IllegalArgumentException("trees must be at least 1, got " + trees);
        if (maxDepth < 1) throw new IllegalArgumentException("maxDepth must be at least 1, got " + maxDepth);
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
        }
        if (minLeafSize < 1) throw new IllegalArgumentException("minLeafSize must be at least 1, got " + minLeafSize);
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be in [0, 1], got " + minScore);
        }
        if (minSamples < 2) throw new IllegalArgumentException("minSamples must be at least 2, got " + minSamples);
        if (importanceRepeats < 0) {
            throw new IllegalArgumentException("importanceRepeats must be >= 0, got " + importanceRepeats);
        }
        if (exemplars < 0) throw new IllegalArgumentException("exemplars must be >= 0, got " + exemplars);
    }

    /** The product's defaults: calibrated rule, 5 folds, alpha 0.01, effect floor 0.1. */
    public static DetectorSettings calibratedDefaults() {
        // 2 repeats over 5 held-out folds permute each property 10 times, as many permutations as the
        // reference check's 10 repeats over its one split (and a fifth of the cost of 10 per fold).
        return new DetectorSettings(DetectionMode.CALIBRATED, 5, 10, 2, 0.1, 20, 0.01, 0.1, 30, 2, 5, DEFAULT_SEED);
    }

    /** The reference check's rule and parameters: threshold 0.1, 10 importance repeats. */
    public static DetectorSettings referenceCheckDefaults() {
        return new DetectorSettings(DetectionMode.REFERENCE_CHECK, 5, 10, 2, 0.1, 20, 0.01, 0.1, 30, 10, 5, DEFAULT_SEED);
    }

    public DetectorSettings withAlpha(double newAlpha) {
        return new DetectorSettings(mode, folds, trees, maxDepth, learningRate, minLeafSize, newAlpha, minScore,
                minSamples, importanceRepeats, exemplars, seed);
    }

    public DetectorSettings withMinScore(double newMinScore) {
        return new DetectorSettings(mode, folds, trees, maxDepth, learningRate, minLeafSize, alpha, newMinScore,
                minSamples, importanceRepeats, exemplars, seed);
    }

    public DetectorSettings withSeed(long newSeed) {
        return new DetectorSettings(mode, folds, trees, maxDepth, learningRate, minLeafSize, alpha, minScore,
                minSamples, importanceRepeats, exemplars, newSeed);
    }
}
