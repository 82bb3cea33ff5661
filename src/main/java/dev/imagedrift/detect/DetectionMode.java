package dev.imagedrift.detect;

/** Which decision rule a detector applies. */
public enum DetectionMode {
    /**
     * The product's rule: stratified k-fold out-of-fold classifier scores over all samples, a
     * rank-test p-value, and drift only when p &lt; alpha and the score reaches the effect-size floor.
     */
    CALIBRATED,
    /**
     * deepchecks' ImageDatasetDrift rule: both sides subsampled to the smaller count, one
     * stratified 70/30 split, score = max(2*AUC - 1, 0) on the held-out part, drift when
     * score &gt;= threshold; accuracy-based permutation importance normalised to sum to 1.
     */
    REFERENCE_CHECK
}
