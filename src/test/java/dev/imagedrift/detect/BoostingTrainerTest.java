package dev.imagedrift.detect;

import org.junit.jupiter.api.Test;
import smile.base.cart.Loss;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoostingTrainerTest {
    private static final DetectorSettings SETTINGS = DetectorSettings.calibratedDefaults();

    /** Reference and current rows with a shift on two properties, so trees have something to split. */
    private static PooledSamples shiftedData() {
        Samples reference = SyntheticSamples.normal(600, 1, "r");
        Samples current = SyntheticSamples.normal(500, 2, "c", 2, 0.6);
        double[][] rows = current.rows();
        for (double[] row : rows) row[0] += row[1] > 0 ? 0.8 : -0.8; // an interaction: depth 2 pays
        return PooledSamples.of(reference, new Samples(current.propertyNames(), rows, current.ids()));
    }

    private static DataFrame smileFrame(PooledSamples data) {
        BaseVector<?, ?, ?>[] vectors = new BaseVector<?, ?, ?>[data.dimension() + 1];
        for (int j = 0; j < data.dimension(); j++) vectors[j] = DoubleVector.of("x" + j, data.column(j).clone());
        vectors[data.dimension()] = IntVector.of("y", data.labels().clone());
        return DataFrame.of(vectors);
    }

    @Test
    void flattenedSmileModelPredictsExactlyWhatSmilePredicts() {
        PooledSamples data = shiftedData();
        DataFrame frame = smileFrame(data);
        GradientTreeBoost model = GradientTreeBoost.fit(Formula.lhs("y"), frame, 10, 3, 4, 20, 0.1, 1.0);
        double intercept = Loss.logistic(data.labels().clone()).intercept(null);
        TreeEnsemble flat = TreeEnsemble.flatten(model.trees(), intercept, 0.1, data.dimension());

        double[][] columns = IntStream.range(0, data.dimension()).mapToObj(data::column).toArray(double[][]::new);
        double[] posteriori = new double[2];
        for (int i = 0; i < data.size(); i++) {
            Tuple row = frame.get(i);
            model.predict(row, posteriori);
            assertEquals(posteriori[1], TreeEnsemble.probability(flat.margin(columns, i)), 0.0, "row " + i);
            double[] x = new double[data.dimension()];
            for (int j = 0; j < x.length; j++) x[j] = columns[j][i];
            assertEquals(flat.margin(columns, i), flat.margin(x), 0.0, "row " + i);
        }
    }

    @Test
    void trainerFitsTheModelThatSmileFitsOnTheSameRows() {
        PooledSamples data = shiftedData();
        int[] all = IntStream.range(0, data.size()).toArray();
        TreeEnsemble ours = new BoostingTrainer(SETTINGS).fit(data, ColumnOrder.of(data), all);

        DataFrame frame = smileFrame(data);
        GradientTreeBoost smile = GradientTreeBoost.fit(Formula.lhs("y"), frame, 10, 3, 4, 20, 0.1, 1.0);
        double[][] columns = IntStream.range(0, data.dimension()).mapToObj(data::column).toArray(double[][]::new);
        double[] posteriori = new double[2];
        for (int i = 0; i < data.size(); i++) {
            smile.predict(frame.get(i), posteriori);
            assertEquals(posteriori[1], TreeEnsemble.probability(ours.margin(columns, i)), 1e-12, "row " + i);
        }
    }

    @Test
    void trainerOnASubsetMatchesSmileOnThatSubset() {
        PooledSamples data = shiftedData();
        int[] subset = IntStream.range(0, data.size()).filter(i -> i % 3 != 0).toArray();
        TreeEnsemble ours = new BoostingTrainer(SETTINGS).fit(data, ColumnOrder.of(data), subset);

        DataFrame frame = smileFrame(data).of(subset);
        GradientTreeBoost smile = GradientTreeBoost.fit(Formula.lhs("y"), frame, 10, 3, 4, 20, 0.1, 1.0);
        double[][] columns = IntStream.range(0, data.dimension()).mapToObj(data::column).toArray(double[][]::new);
        double[] posteriori = new double[2];
        for (int i = 0; i < data.size(); i += 7) { // held-out rows too: the models must agree everywhere
            double[] x = new double[data.dimension()];
            for (int j = 0; j < x.length; j++) x[j] = columns[j][i];
            smile.predict(smileFrame(data).get(i), posteriori);
            assertEquals(posteriori[1], TreeEnsemble.probability(ours.margin(x)), 1e-12, "row " + i);
        }
    }

    @Test
    void depthTwoMeansTreesOfUpToFourLeavesAsInTheReferenceCheck() {
        PooledSamples data = shiftedData();
        TreeEnsemble model = new BoostingTrainer(SETTINGS).fit(data, ColumnOrder.of(data),
                IntStream.range(0, data.size()).toArray());
        assertEquals(10, model.treeCount());
        assertEquals(2, model.maxDepth(), "settings.maxDepth counts edges from the root");
    }

    @Test
    void aTrainingSetWithOneClassGivesEveryRowTheSameScore() {
        PooledSamples data = shiftedData();
        int[] referenceOnly = IntStream.range(0, data.nReference()).toArray();
        TreeEnsemble model = new BoostingTrainer(SETTINGS).fit(data, ColumnOrder.of(data), referenceOnly);
        assertEquals(0, model.treeCount());
        assertEquals(model.margin(new double[7]), model.margin(new double[]{1, 2, 3, 4, 5, 6, 7}), 0.0);
    }

    private static int rowWithMissing(Samples current, int offset) {
        for (int i = 0; i < current.size(); i++) if (Double.isNaN(current.rows()[i][4])) return offset + i;
        throw new AssertionError("no grayscale row");
    }

    @Test
    void missingValuesAreCodedBelowEveryRealValueSoOneSplitIsolatesThem() {
        Samples reference = SyntheticSamples.normal(400, 3, "r");
        Samples current = SyntheticSamples.withGrayscale(SyntheticSamples.normal(400, 4, "c"), 0.5, 5);
        PooledSamples data = PooledSamples.of(reference, current);
        double[] red = data.column(4);
        double minReal = Double.POSITIVE_INFINITY;
        double code = Double.NaN;
        for (int i = 0; i < data.size(); i++) {
            double original = i < data.nReference() ? reference.rows()[i][4] : current.rows()[i - data.nReference()][4];
            if (Double.isNaN(original)) code = red[i];
            else minReal = Math.min(minReal, red[i]);
        }
        assertTrue(code < minReal - 1.0, "code " + code + " must lie well below the real minimum " + minReal);

        TreeEnsemble model = new BoostingTrainer(SETTINGS).fit(data, ColumnOrder.of(data),
                IntStream.range(0, data.size()).toArray());
        // A reference (colour) row as the model sees it, and the same row with its intensities missing.
        double[] colour = new double[data.dimension()];
        for (int j = 0; j < colour.length; j++) colour[j] = data.column(j)[0];
        double[] gray = colour.clone();
        for (int j = 4; j < 7; j++) gray[j] = data.column(j)[rowWithMissing(current, data.nReference())];
        assertTrue(model.margin(gray) > model.margin(colour) + 0.5,
                "grayscale rows (only in the current side) must score as current");
    }
}
