package dev.imagedrift.detect;

import smile.base.cart.InternalNode;
import smile.base.cart.LeafNode;
import smile.base.cart.Node;
import smile.base.cart.OrdinalNode;
import smile.base.cart.RegressionNode;
import smile.regression.RegressionTree;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted binary gradient-boosting model flattened into arrays, predicting on plain
 * {@code double} columns without Smile's DataFrame/Tuple overhead.
 *
 * <p>It computes exactly what Smile's {@code GradientTreeBoost.predict(Tuple, double[])} computes
 * for two classes: the margin {@code f = b + sum_t shrinkage * tree_t(x)} (accumulated in the same
 * order) and the probability of class 1, {@code 1 - 1 / (1 + exp(2f))}. Trees are stored node by
 * node: {@code feature[i] < 0} marks a leaf whose output is {@code leafValue[i]}; an internal node
 * sends {@code x[feature] <= threshold} to {@code trueChild}, everything else to
 * {@code falseChild}.
 */
final class TreeEnsemble {
    /** Smile keeps an ordinal split's value package-private; read it once, here. */
    private static final Field SPLIT_VALUE = splitValueField();

    private final double intercept;
    private final double shrinkage;
    private final int[] roots;
    private final int[] feature;
    private final double[] threshold;
    private final int[] trueChild;
    private final int[] falseChild;
    private final double[] leafValue;
    private final boolean[][] treeUsesFeature;

    private TreeEnsemble(double intercept, double shrinkage, int[] roots, int[] feature, double[] threshold,
                         int[] trueChild, int[] falseChild, double[] leafValue, int dimension) {
        this.intercept = intercept;
        this.shrinkage = shrinkage;
        this.roots = roots;
        this.feature = feature;
        this.threshold = threshold;
        this.trueChild = trueChild;
        this.falseChild = falseChild;
        this.leafValue = leafValue;
        this.treeUsesFeature = new boolean[dimension][roots.length];
        for (int t = 0; t < roots.length; t++) markFeatures(t, roots[t]);
    }

    private void markFeatures(int tree, int node) {
        if (feature[node] < 0) return;
        treeUsesFeature[feature[node]][tree] = true;
        markFeatures(tree, trueChild[node]);
        markFeatures(tree, falseChild[node]);
    }

    /** Flattens Smile regression trees of a two-class boosting model over {@code dimension} features. */
    static TreeEnsemble flatten(RegressionTree[] trees, double intercept, double shrinkage, int dimension) {
        Builder builder = new Builder();
        int[] roots = new int[trees.length];
        for (int t = 0; t < trees.length; t++) roots[t] = builder.add(trees[t].root());
        return builder.build(intercept, shrinkage, roots, dimension);
    }

    /** A model that always predicts the intercept (used when a training set lacks one class). */
    static TreeEnsemble constant(double intercept, int dimension) {
        return new TreeEnsemble(intercept, 1.0, new int[0], new int[0], new double[0], new int[0], new int[0],
                new double[0], dimension);
    }

    int treeCount() { return roots.length; }

    /** The margin of row {@code row} of the column-major matrix {@code columns}. */
    double margin(double[][] columns, int row) {
        double f = intercept;
        for (int root : roots) f += shrinkage * leaf(root, columns, row);
        return f;
    }

    /** The margin of one row given as its values. */
    double margin(double[] x) {
        double f = intercept;
        for (int root : roots) {
            int node = root;
            while (feature[node] >= 0) node = x[feature[node]] <= threshold[node] ? trueChild[node] : falseChild[node];
            f += shrinkage * leafValue[node];
        }
        return f;
    }

    /** The output of tree {@code tree} (before shrinkage) for a row. */
    double treeOutput(int tree, double[][] columns, int row) {
        return leaf(roots[tree], columns, row);
    }

    /** The output of tree {@code tree} for a row whose feature {@code j} is replaced by {@code value}. */
    double treeOutputWith(int tree, double[][] columns, int row, int j, double value) {
        int node = roots[tree];
        while (feature[node] >= 0) {
            int f = feature[node];
            double x = f == j ? value : columns[f][row];
            node = x <= threshold[node] ? trueChild[node] : falseChild[node];
        }
        return leafValue[node];
    }

    double intercept() { return intercept; }

    double shrinkage() { return shrinkage; }

    /** The deepest root-to-leaf path over all trees, in edges. */
    int maxDepth() {
        int deepest = 0;
        for (int root : roots) deepest = Math.max(deepest, depth(root));
        return deepest;
    }

    private int depth(int node) {
        return feature[node] < 0 ? 0 : 1 + Math.max(depth(trueChild[node]), depth(falseChild[node]));
    }

    /** Whether tree {@code tree} splits on feature {@code j} anywhere. */
    boolean treeUses(int tree, int j) { return treeUsesFeature[j][tree]; }

    /** Whether any tree splits on feature {@code j}: if not, permuting it cannot change a score. */
    boolean uses(int j) {
        for (boolean used : treeUsesFeature[j]) if (used) return true;
        return false;
    }

    private double leaf(int node, double[][] columns, int row) {
        while (feature[node] >= 0) {
            node = columns[feature[node]][row] <= threshold[node] ? trueChild[node] : falseChild[node];
        }
        return leafValue[node];
    }

    /** Smile's probability of class 1 for a margin. */
    static double probability(double margin) {
        double p0 = 1.0 / (1.0 + Math.exp(2 * margin));
        return 1.0 - p0;
    }

    private static Field splitValueField() {
        try {
            Field field = OrdinalNode.class.getDeclaredField("value");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read split values of Smile's OrdinalNode (Smile version changed?)", e);
        }
    }

    private static final class Builder {
        private final List<Integer> feature = new ArrayList<>();
        private final List<Double> threshold = new ArrayList<>();
        private final List<Integer> trueChild = new ArrayList<>();
        private final List<Integer> falseChild = new ArrayList<>();
        private final List<Double> leafValue = new ArrayList<>();

        int add(Node node) {
            int id = feature.size();
            feature.add(-1);
            threshold.add(0.0);
            trueChild.add(-1);
            falseChild.add(-1);
            leafValue.add(0.0);
            if (node instanceof OrdinalNode split) {
                feature.set(id, split.feature());
                threshold.set(id, splitValue(split));
                trueChild.set(id, add(split.trueChild()));
                falseChild.set(id, add(split.falseChild()));
            } else if (node instanceof RegressionNode leaf) {
                leafValue.set(id, leaf.output());
            } else if (node instanceof InternalNode || node instanceof LeafNode) {
                throw new IllegalStateException("unexpected tree node " + node.getClass().getName()
                        + " (all features are numeric, so only ordinal splits and regression leaves occur)");
            }
            return id;
        }

        private static double splitValue(OrdinalNode split) {
            try {
                return SPLIT_VALUE.getDouble(split);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read a split value of Smile's OrdinalNode", e);
            }
        }

        TreeEnsemble build(double intercept, double shrinkage, int[] roots, int dimension) {
            int n = feature.size();
            int[] f = new int[n];
            double[] t = new double[n];
            int[] tc = new int[n];
            int[] fc = new int[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                f[i] = feature.get(i);
                t[i] = threshold.get(i);
                tc[i] = trueChild.get(i);
                fc[i] = falseChild.get(i);
                v[i] = leafValue.get(i);
            }
            return new TreeEnsemble(intercept, shrinkage, roots, f, t, tc, fc, v, dimension);
        }
    }
}
