package dev.imagedrift.detect;

import smile.base.cart.Loss;
import smile.data.DataFrame;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.vector.DoubleVector;
import smile.regression.RegressionTree;

import java.util.Arrays;

/**
 * Fits the domain classifier (reference 0, current 1): Smile's two-class gradient tree boosting
 * with logistic loss, on a subset of the pooled rows.
 *
 * <p>This is the loop of Smile's {@code GradientTreeBoost.fit} for two classes with
 * {@code subsample = 1} (the reference check does not subsample), written out so that the one
 * column sort of the comparison is shared by every fit (Smile sorts again on every call) and the
 * running margins are updated with the flattened trees instead of one Tuple per row. Every tree is
 * Smile's own {@code RegressionTree} on Smile's own logistic loss, so the fitted model is the one
 * {@code GradientTreeBoost.fit} returns on the same rows (a test checks it).
 *
 * <p>Depth: the settings count depth in edges from the root, as the reference check's learner
 * does (depth 2 = up to 4 leaves); Smile counts levels of nodes (its depth 2 is a stump), so
 * Smile is given {@code maxDepth + 1} and at most {@code 2^maxDepth} leaves.
 */
final class BoostingTrainer {
    private static final StructField RESPONSE = new StructField("residual", DataTypes.DoubleType);

    private final int trees;
    private final int smileMaxDepth;
    private final int maxLeaves;
    private final int minLeafSize;
    private final double shrinkage;

    BoostingTrainer(DetectorSettings settings) {
        this.trees = settings.trees();
        this.smileMaxDepth = settings.maxDepth() + 1;
        this.maxLeaves = settings.maxDepth() >= 30 ? Integer.MAX_VALUE : Math.max(2, 1 << settings.maxDepth());
        this.minLeafSize = settings.minLeafSize();
        this.shrinkage = settings.learningRate();
    }

    /** Fits on the pooled rows {@code trainRows}; {@code order} is the pooled data's column order. */
    TreeEnsemble fit(PooledSamples data, ColumnOrder order, int[] trainRows) {
        int n = trainRows.length;
        int p = data.dimension();
        int[] y = new int[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            y[i] = data.label(trainRows[i]);
            positives += y[i];
        }
        if (positives == 0 || positives == n) {
            // One class only: nothing to learn, every row gets the same score (all ties).
            return TreeEnsemble.constant(0.0, p);
        }

        double[][] columns = new double[p][n];
        DoubleVector[] vectors = new DoubleVector[p];
        for (int j = 0; j < p; j++) {
            double[] source = data.column(j);
            for (int i = 0; i < n; i++) columns[j][i] = source[trainRows[i]];
            vectors[j] = DoubleVector.of("x" + j, columns[j]);
        }
        DataFrame x = DataFrame.of(vectors);
        int[][] restrictedOrder = order.restrictTo(trainRows, data.size());

        Loss loss = Loss.logistic(y);
        double intercept = loss.intercept(null);
        double[] margins = loss.residual(); // Smile's loss reads the running margins from this array
        int[] samples = new int[n];
        Arrays.fill(samples, 1);

        RegressionTree[] fitted = new RegressionTree[trees];
        for (int t = 0; t < trees; t++) {
            RegressionTree tree = new RegressionTree(x, loss, RESPONSE, smileMaxDepth, maxLeaves, minLeafSize, p,
                    samples, restrictedOrder);
            fitted[t] = tree;
            TreeEnsemble single = TreeEnsemble.flatten(new RegressionTree[]{tree}, 0.0, 1.0, p);
            for (int i = 0; i < n; i++) margins[i] += shrinkage * single.treeOutput(0, columns, i);
        }
        return TreeEnsemble.flatten(fitted, intercept, shrinkage, p);
    }
}
