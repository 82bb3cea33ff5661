package dev.imagedrift.detect;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The reference check's rule exactly (mode REFERENCE_CHECK), for comparison with deepchecks'
 * Image Dataset Drift and for users who want its numbers:
 *
 * <ol>
 *   <li>Both sides subsampled without replacement to min(n_reference, n_current) (seeded).</li>
 *   <li>One stratified 70/30 split (seeded; ceil(30%) of each side held out).</li>
 *   <li>The domain classifier fitted on the 70%; AUC on the 30%; drift score = max(2 AUC - 1, 0).</li>
 *   <li>Importance: accuracy-based permutation importance on the 30%, normalised to sum to 1.</li>
 *   <li>DRIFT iff score &gt;= minScore (the threshold, default 0.1); INSUFFICIENT_DATA when a side
 *       has fewer than minSamples rows. No p-value and no interval.</li>
 *   <li>Exemplars: every row of both inputs scored by the fitted model.</li>
 * </ol>
 *
 * The per-property KS and EMD use every row of both inputs, not the subsample.
 *
 * Stateless and thread-safe.
 */
public final class ReferenceCheckDetector extends ClassifierDetector {
    /** The reference check's held-out share. */
    static final double TEST_SHARE = 0.3;

    public ReferenceCheckDetector(DetectorSettings settings) {
        super(settings, DetectionMode.REFERENCE_CHECK);
    }

    @Override
    DriftResult decide(Samples reference, Samples current, PooledSamples data, List<UnivariateDrift> univariate) {
        int nRef = data.nReference();
        int nCur = data.nCurrent();
        int m = Math.min(nRef, nCur);
        int[] refRows = subsample(0, nRef, m, new SeededRandom(Seeds.derive(settings.seed(), 0x5AB, 0)));
        int[] curRows = subsample(nRef, nCur, m, new SeededRandom(Seeds.derive(settings.seed(), 0x5AB, 1)));
        int held = heldOutPerSide(m);
        SeededRandom split = new SeededRandom(Seeds.derive(settings.seed(), 0x5B1));
        split.shuffle(refRows);
        split.shuffle(curRows);
        int[] trainRows = concat(Arrays.copyOfRange(refRows, held, m), Arrays.copyOfRange(curRows, held, m));
        int[] testRows = concat(Arrays.copyOfRange(refRows, 0, held), Arrays.copyOfRange(curRows, 0, held));

        TreeEnsemble model = trainer.fit(data, ColumnOrder.of(data), trainRows);
        double[] margins = new double[data.size()];
        double[][] columns = data.columns();
        for (int row = 0; row < margins.length; row++) margins[row] = model.margin(columns, row);
        RankSum heldOut = CrossFit.rankSumOf(data, testRows, margins);
        double auc = heldOut.u() / heldOut.pairs();
        double score = Math.max(2 * auc - 1, 0.0);
        double[] shares = AccuracyPermutationImportance.compute(data, model, testRows, settings.importanceRepeats(),
                Seeds.derive(settings.seed(), 0x1A9));
        Exemplars exemplars = ExemplarPicker.pick(data, margins, settings.exemplars());

        DriftStatus status = score >= settings.minScore() ? DriftStatus.DRIFT : DriftStatus.OK;
        String reason = String.format(Locale.ROOT, "%s: drift score %.3f %s threshold %s (held-out AUC %.3f on %d "
                        + "reference vs %d current; both sides subsampled to %d, %d%% held out)",
                status, score, status == DriftStatus.DRIFT ? ">=" : "<", ReasonFormat.setting(settings.minScore()),
                auc, held, held, m, Math.round(TEST_SHARE * 100));
        return new DriftResult(status, reason, score, auc, null, null, null, m, m, null, null,
                CalibratedDetector.importance(data.propertyNames(), shares), univariate, exemplars, settings);
    }

    /** Rows held out per side: ceil(30%) as scikit-learn's split rounds, leaving at least one to train. */
    static int heldOutPerSide(int m) {
        return Math.max(1, Math.min(m - 1, (int) Math.ceil(TEST_SHARE * m - 1e-9)));
    }

    /** {@code m} distinct rows of {@code offset .. offset+n-1}, uniformly without replacement. */
    private static int[] subsample(int offset, int n, int m, SeededRandom random) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = offset + i;
        // Partial Fisher-Yates: the first m positions are a uniform sample.
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        int[] sample = Arrays.copyOf(rows, m);
        Arrays.sort(sample);
        return sample;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
