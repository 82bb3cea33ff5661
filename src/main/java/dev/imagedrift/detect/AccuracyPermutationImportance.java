package dev.imagedrift.detect;

/**
 * The reference check's property importance: permutation importance on the held-out rows scored
 * by accuracy (margin &gt; 0 predicts "current"), mean drop over the repeats, negative means set to
 * 0, then normalised to sum to 1 (all 0 when nothing drops). Kept as the reference check defines
 * it, flaws included: accuracy disagrees with the AUC-based score, and the normalisation can show
 * a noise property as 100%.
 */
final class AccuracyPermutationImportance {
    private AccuracyPermutationImportance() {}

    /** Normalised share per property (property order), or an empty array when {@code repeats} is 0. */
    static double[] compute(PooledSamples data, TreeEnsemble model, int[] rows, int repeats, long seed) {
        if (repeats == 0) return new double[0];
        int p = data.dimension();
        int m = rows.length;
        double[][] columns = data.columns();
        int trees = model.treeCount();
        double[][] treeOutputs = new double[trees][m];
        for (int t = 0; t < trees; t++) {
            for (int i = 0; i < m; i++) treeOutputs[t][i] = model.treeOutput(t, columns, rows[i]);
        }
        int baseline = 0;
        for (int i = 0; i < m; i++) baseline += correct(data.label(rows[i]), model.margin(columns, rows[i]));

        double[] drop = new double[p];
        int[] permutation = new int[m];
        double[] values = new double[m];
        for (int j = 0; j < p; j++) {
            if (!model.uses(j)) continue;
            for (int i = 0; i < m; i++) values[i] = columns[j][rows[i]];
            for (int i = 0; i < m; i++) permutation[i] = i;
            SeededRandom random = new SeededRandom(Seeds.derive(seed, j));
            long dropped = 0;
            for (int r = 0; r < repeats; r++) {
                random.shuffle(permutation);
                int hits = 0;
                for (int i = 0; i < m; i++) {
                    double margin = model.intercept();
                    for (int t = 0; t < trees; t++) {
                        double out = model.treeUses(t, j)
                                ? model.treeOutputWith(t, columns, rows[i], j, values[permutation[i]])
                                : treeOutputs[t][i];
                        margin += model.shrinkage() * out;
                    }
                    hits += correct(data.label(rows[i]), margin);
                }
                dropped += baseline - hits;
            }
            drop[j] = Math.max(0.0, (double) dropped / repeats / m);
        }
        double sum = 0;
        for (double d : drop) sum += d;
        if (sum > 0) for (int j = 0; j < p; j++) drop[j] /= sum;
        return drop;
    }

    private static int correct(int label, double margin) {
        return (margin > 0 ? 1 : 0) == label ? 1 : 0;
    }
}
