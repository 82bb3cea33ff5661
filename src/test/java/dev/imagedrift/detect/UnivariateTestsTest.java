package dev.imagedrift.detect;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnivariateTestsTest {

    @Test
    void ksStatisticIsTheLargestCdfGapEvenWithManyTies() {
        Random random = new Random(1);
        double[] a = new double[500];
        double[] b = new double[700];
        for (int i = 0; i < a.length; i++) a[i] = Math.round(random.nextGaussian() * 3); // heavy ties
        for (int i = 0; i < b.length; i++) b[i] = Math.round(random.nextGaussian() * 3 + 0.4);
        UnivariateDrift drift = compareOne(a, b);
        assertEquals(bruteForceKs(a, b), drift.ks(), 1e-12);
    }

    @Test
    void ksPValueMatchesKolmogorovsLimitForLargeSamples() {
        Random random = new Random(2);
        double[] a = new double[5000];
        double[] b = new double[4000];
        for (int i = 0; i < a.length; i++) a[i] = random.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = random.nextGaussian() + 0.08;
        UnivariateDrift drift = compareOne(a, b);
        double lambda = drift.ks() * Math.sqrt(5000.0 * 4000 / 9000);
        double limit = 0;
        for (int k = 1; k <= 100; k++) limit += 2 * Math.pow(-1, k - 1) * Math.exp(-2.0 * k * k * lambda * lambda);
        // Smile adds Stephens' finite-sample correction to lambda: a few percent apart at this size (the gap grows as p shrinks).
        assertEquals(limit, drift.ksPValue(), 0.06 * limit);
        assertTrue(drift.ksPValue() < 0.01, "a shift of 0.08 sd at these sizes is visible: " + drift.ksPValue());
    }

    @Test
    void emdIsZeroForIdenticalSamplesAndForAConstantProperty() {
        double[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        assertEquals(0.0, UnivariateTests.normalisedEmd(a, a.clone()));
        double[] constant = new double[20];
        Arrays.fill(constant, 3.5);
        assertEquals(0.0, UnivariateTests.normalisedEmd(constant, constant.clone()));
    }

    @Test
    void emdTrimsEachSideThenScalesByThePooledRange() {
        // 41 evenly spaced values: the 2.5% and 97.5% quantiles are exactly the 2nd and 40th values,
        // so trimming drops the two ends. b is a shifted by 10.
        double[] a = new double[41];
        double[] b = new double[41];
        for (int i = 0; i < 41; i++) {
            a[i] = i;
            b[i] = i + 10;
        }
        double[] trimmedA = UnivariateTests.trimmed(a);
        assertEquals(1.0, trimmedA[0]);
        assertEquals(39.0, trimmedA[trimmedA.length - 1]);
        // Equal sizes: W1 = mean |a_(i) - b_(i)| = 10; pooled trimmed range = 49 - 1 = 48.
        assertEquals(10.0 / 48.0, UnivariateTests.normalisedEmd(a, b), 1e-12);
    }

    @Test
    void wassersteinAgreesWithTheSortedDifferenceFormulaOnEqualSizes() {
        Random random = new Random(3);
        double[] a = new double[200];
        double[] b = new double[200];
        for (int i = 0; i < 200; i++) {
            a[i] = Math.round(random.nextGaussian() * 5) / 5.0;
            b[i] = Math.round((random.nextGaussian() * 1.3 + 0.2) * 5) / 5.0;
        }
        Arrays.sort(a);
        Arrays.sort(b);
        double expected = 0;
        for (int i = 0; i < 200; i++) expected += Math.abs(a[i] - b[i]) / 200;
        assertEquals(expected, UnivariateTests.wasserstein(a, b), 1e-12);
    }

    @Test
    void quantileInterpolatesLinearlyLikeNumpy() {
        double[] sorted = {1, 2, 4, 8};
        assertEquals(1.0, UnivariateTests.quantile(sorted, 0));
        assertEquals(8.0, UnivariateTests.quantile(sorted, 1));
        assertEquals(3.0, UnivariateTests.quantile(sorted, 0.5)); // h = 1.5: 2 + 0.5 * (4 - 2)
        assertEquals(1.075, UnivariateTests.quantile(sorted, 0.025), 1e-12); // h = 0.075
    }

    @Test
    void missingValuesAreDroppedAndFewerThanTenValuesGiveNoScore() {
        double[][] refRows = new double[30][1];
        double[][] curRows = new double[30][1];
        for (int i = 0; i < 30; i++) {
            refRows[i][0] = i < 21 ? Double.NaN : i; // 9 real values
            curRows[i][0] = i;
        }
        List<UnivariateDrift> drift = UnivariateTests.compare(samples(refRows), samples(curRows));
        assertEquals(9, drift.get(0).nReference());
        assertEquals(30, drift.get(0).nCurrent());
        assertNull(drift.get(0).ks());
        assertNull(drift.get(0).ksPValue());
        assertNull(drift.get(0).emd());

        refRows[20][0] = 20; // now 10 values
        UnivariateDrift enough = UnivariateTests.compare(samples(refRows), samples(curRows)).get(0);
        assertEquals(10, enough.nReference());
        assertTrue(enough.ks() > 0.5 && enough.emd() > 0);
    }

    private static UnivariateDrift compareOne(double[] a, double[] b) {
        return UnivariateTests.compare(samples(column(a)), samples(column(b))).get(0);
    }

    private static double[][] column(double[] values) {
        double[][] rows = new double[values.length][1];
        for (int i = 0; i < values.length; i++) rows[i][0] = values[i];
        return rows;
    }

    private static Samples samples(double[][] rows) {
        List<String> ids = java.util.stream.IntStream.range(0, rows.length).mapToObj(i -> "id" + i).toList();
        return new Samples(List.of("p"), rows, ids);
    }

    /** max over every observed value x of |F_a(x) - F_b(x)|, F(x) = share of values <= x. */
    private static double bruteForceKs(double[] a, double[] b) {
        double d = 0;
        for (double[] side : new double[][]{a, b}) {
            for (double x : side) {
                d = Math.max(d, Math.abs(cdf(a, x) - cdf(b, x)));
            }
        }
        return d;
    }

    private static double cdf(double[] values, double x) {
        int count = 0;
        for (double v : values) if (v <= x) count++;
        return (double) count / values.length;
    }
}
