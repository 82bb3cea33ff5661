package dev.imagedrift.detect;

/**
 * One comparison's decision from the property test and, when the reference has embeddings, the
 * embedding test ({@link CombinedDetector}).
 *
 * @param status     DRIFT when either test drifted; OK when at least one test could decide and none
 *                   drifted; INSUFFICIENT_DATA when no test could decide
 * @param reason     one sentence with both tests' outcomes and the correction
 * @param properties the property test (the seven properties and any custom ones)
 * @param embedding  the embedding test on the projected embeddings, or null when the reference has none
 * @param pValue     the combined p-value, min(1, tests x the smallest p-value) (Bonferroni), or null when
 *                   no test gave one (REFERENCE_CHECK mode, or too few samples)
 * @param alpha      the family significance level the combined p-value is compared with (CALIBRATED)
 * @param tests      the tests alpha was divided among: 1 without embeddings, 2 with
 */
public record CombinedResult(DriftStatus status, String reason, DriftResult properties, DriftResult embedding,
                             Double pValue, double alpha, int tests) {
    /** The correction's name in records and reports. */
    public static final String RULE = "bonferroni";

    public boolean hasEmbedding() { return embedding != null; }
}
