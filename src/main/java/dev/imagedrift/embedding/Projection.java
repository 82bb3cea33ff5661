package dev.imagedrift.embedding;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A principal-component projection of embeddings, fitted on the reference alone: the reference's
 * mean, its first {@code k} principal axes (unit vectors, largest variance first) and the variance
 * along each. A window's embeddings are projected with the reference's axes, never refitted, so the
 * classifier compares both sides in one fixed coordinate system and a new kind of content shows as
 * a shift along the reference's axes.
 *
 * <p>Fitted exactly by a symmetric eigen-decomposition (EJML, pure Java: Smile's PCA needs the
 * native BLAS this project leaves out) of the covariance matrix, or of the Gram matrix when there
 * are fewer rows than dimensions. The sign of each axis is fixed (its largest coordinate positive)
 * so the same reference gives the same projection on every machine.
 *
 * @param mean          the reference mean, one value per embedding dimension
 * @param axes          k unit vectors of the embedding dimension, largest variance first
 * @param variance      the reference variance along each axis
 * @param totalVariance the reference's total variance (sum over all dimensions)
 */
public record Projection(double[] mean, double[][] axes, double[] variance, double totalVariance) {
    /** Components kept unless configured: enough for the content of common image classes, few enough for small windows. */
    public static final int DEFAULT_COMPONENTS = 16;

    public Projection {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(axes, "axes");
        Objects.requireNonNull(variance, "variance");
        EmbeddingLimits.checkDimension(mean.length, "the projection");
        if (axes.length < 1 || axes.length != variance.length) {
            throw new IllegalArgumentException("a projection needs at least one axis and one variance per axis, got "
                    + axes.length + " axes and " + variance.length + " variances");
        }
        if (axes.length > mean.length) {
            throw new IllegalArgumentException(axes.length + " axes for dimension " + mean.length);
        }
        for (int c = 0; c < axes.length; c++) {
            if (axes[c].length != mean.length) {
                throw new IllegalArgumentException("axis " + (c + 1) + " has " + axes[c].length + " values for dimension "
                        + mean.length);
            }
            requireFinite(axes[c], "axis " + (c + 1));
        }
        requireFinite(mean, "the mean");
        requireFinite(variance, "the variances");
        if (!(totalVariance >= 0 && Double.isFinite(totalVariance))) {
            throw new IllegalArgumentException("total variance " + totalVariance + " is not a finite non-negative number");
        }
    }

    public int dimension() { return mean.length; }

    public int components() { return axes.length; }

    /** Column names of projected rows: PC1, PC2, ... */
    public List<String> componentNames() {
        List<String> names = new ArrayList<>(axes.length);
        for (int c = 1; c <= axes.length; c++) names.add("PC" + c);
        return Collections.unmodifiableList(names);
    }

    /** Share of the reference's total variance each axis holds. */
    public double[] varianceShare() {
        double[] share = new double[variance.length];
        for (int c = 0; c < share.length; c++) share[c] = totalVariance > 0 ? variance[c] / totalVariance : 0;
        return share;
    }

    /** The coordinates of {@code embedding} along the axes. */
    public double[] project(float[] embedding) {
        if (embedding.length != mean.length) {
            throw new IllegalArgumentException("an embedding of dimension " + embedding.length
                    + " cannot be projected with a projection of dimension " + mean.length);
        }
        double[] out = new double[axes.length];
        for (int c = 0; c < axes.length; c++) {
            double[] axis = axes[c];
            double s = 0;
            for (int j = 0; j < axis.length; j++) s += (embedding[j] - mean[j]) * axis[j];
            out[c] = s;
        }
        return out;
    }

    /**
     * Fits the first {@code components} principal axes of {@code rows} (capped at the dimension and
     * at rows - 1, the most a sample can support).
     *
     * @throws IllegalArgumentException with fewer than 2 rows, or rows of different dimensions
     */
    public static Projection fit(List<float[]> rows, int components) {
        if (rows.size() < 2) {
            throw new IllegalArgumentException("a projection needs at least 2 embeddings, got " + rows.size());
        }
        if (components < 1) throw new IllegalArgumentException("components must be at least 1, got " + components);
        int n = rows.size();
        int d = EmbeddingLimits.checkDimension(rows.get(0).length, "the reference embeddings");
        double[] mean = new double[d];
        for (float[] row : rows) {
            if (row.length != d) {
                throw new IllegalArgumentException("embeddings of dimension " + row.length + " and " + d + " mixed");
            }
            for (int j = 0; j < d; j++) mean[j] += row[j];
        }
        for (int j = 0; j < d; j++) mean[j] /= n;
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            float[] row = rows.get(i);
            for (int j = 0; j < d; j++) x.unsafe_set(i, j, row[j] - mean[j]);
        }
        int k = Math.min(components, Math.min(d, n - 1));
        boolean gram = n < d;
        DMatrixRMaj scatter = gram ? new DMatrixRMaj(n, n) : new DMatrixRMaj(d, d);
        if (gram) {
            CommonOps_DDRM.multTransB(x, x, scatter);
        } else {
            CommonOps_DDRM.multTransA(x, x, scatter);
        }
        double total = CommonOps_DDRM.trace(scatter) / (n - 1);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(scatter.numRows, true, true);
        if (!eig.decompose(scatter)) {
            throw new IllegalStateException("the eigen-decomposition of the reference embeddings did not converge");
        }
        Integer[] order = new Integer[eig.getNumberOfEigenvalues()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        double[][] axes = new double[k][];
        double[] variance = new double[k];
        for (int c = 0; c < k; c++) {
            double lambda = Math.max(0, eig.getEigenvalue(order[c]).real);
            DMatrixRMaj v = eig.getEigenVector(order[c]);
            double[] axis = new double[d];
            if (gram) {
                // u is a unit eigenvector of X X^T; X^T u has norm sqrt(lambda) and is the axis direction.
                for (int i = 0; i < n; i++) {
                    double ui = v.get(i, 0);
                    if (ui == 0) continue;
                    for (int j = 0; j < d; j++) axis[j] += ui * x.unsafe_get(i, j);
                }
            } else {
                for (int j = 0; j < d; j++) axis[j] = v.get(j, 0);
            }
            normaliseWithFixedSign(axis);
            axes[c] = axis;
            variance[c] = lambda / (n - 1);
        }
        return new Projection(mean, axes, variance, total);
    }

    /** Unit length, and the coordinate of largest magnitude positive (an eigenvector's sign is arbitrary). */
    private static void normaliseWithFixedSign(double[] axis) {
        double norm = 0;
        int largest = 0;
        for (int j = 0; j < axis.length; j++) {
            norm += axis[j] * axis[j];
            if (Math.abs(axis[j]) > Math.abs(axis[largest])) largest = j;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            // No variance left along this direction: any unit vector will do, and it projects to ~0.
            Arrays.fill(axis, 0);
            axis[largest] = 1;
            return;
        }
        double scale = (axis[largest] < 0 ? -1 : 1) / norm;
        for (int j = 0; j < axis.length; j++) axis[j] *= scale;
    }

    private static void requireFinite(double[] values, String what) {
        for (double v : values) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException(what + " has a value that is not finite");
        }
    }
}
