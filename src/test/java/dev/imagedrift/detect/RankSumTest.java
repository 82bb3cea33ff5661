package dev.imagedrift.detect;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankSumTest {

    @Test
    void countsPairsWhereTheCurrentScoreIsHigherAndTiesAsHalf() {
        // current 3 vs reference {1, 3, 5}: beats 1, ties 3 -> 1.5; current 6 beats all -> 3.
        RankSum r = RankSum.of(new double[]{1, 3, 5}, new double[]{3, 6});
        assertEquals(4.5, r.u());
        assertEquals(6.0, r.pairs());
        assertEquals(3.0, r.nullMean());
    }

    @Test
    void nullVarianceEqualsTheExactPermutationVarianceWithTies() {
        double[] pooled = {0.1, 0.1, 0.1, 0.4, 0.4, 0.7, 0.9, 0.9};
        int n1 = 3;
        // Enumerate every choice of 3 "current" positions among the 8 scores.
        double sum = 0;
        double sumSq = 0;
        int count = 0;
        for (int mask = 0; mask < 1 << pooled.length; mask++) {
            if (Integer.bitCount(mask) != n1) continue;
            double u = split(pooled, mask).u();
            sum += u;
            sumSq += u * u;
            count++;
        }
        double mean = sum / count;
        double variance = sumSq / count - mean * mean;
        RankSum any = split(pooled, 0b111);
        assertEquals(mean, any.nullMean(), 1e-12);
        assertEquals(variance, any.nullVariance(), 1e-9);
    }

    @Test
    void normalApproximationIsCloseToTheExactMannWhitneyTailForSmallSamples() {
        // 8 vs 8 distinct scores: compare P(U >= u) exactly (enumeration) and by the normal approximation.
        double[] pooled = new double[16];
        for (int i = 0; i < pooled.length; i++) pooled[i] = i;
        int[] histogram = new int[65];
        for (int mask = 0; mask < 1 << 16; mask++) {
            if (Integer.bitCount(mask) == 8) histogram[(int) split(pooled, mask).u()]++;
        }
        double total = 0;
        for (int h : histogram) total += h;
        RankSum shape = split(pooled, 0xFF);
        for (int u = 40; u <= 60; u += 4) {
            double exact = 0;
            for (int v = u; v <= 64; v++) exact += histogram[v] / total;
            double approx = SequentialRankTest.outcome(u, shape.nullMean(), shape.nullVariance(), 16).pValue();
            assertEquals(exact, approx, 0.006, "P(U >= " + u + ")");
        }
    }

    @Test
    void perfectSeparationGivesATinyPValueAndAucOne() {
        double[] reference = new double[50];
        double[] current = new double[50];
        for (int i = 0; i < 50; i++) {
            reference[i] = i;
            current[i] = 100 + i;
        }
        RankSum r = RankSum.of(reference, current);
        assertEquals(2500.0, r.u());
        double p = SequentialRankTest.outcome(r.u(), r.nullMean(), r.nullVariance(), 100).pValue();
        assertTrue(p < 1e-15, "p = " + p);
        assertEquals(1.0, FoldedAuc.of(r).auc());
    }

    @Test
    void identicalScoresGiveNoEvidence() {
        double[] same = new double[40];
        RankSum r = RankSum.of(same, same.clone());
        assertEquals(r.nullMean(), r.u());
        assertEquals(0.0, r.nullVariance());
        assertEquals(1.0, SequentialRankTest.outcome(r.u(), r.nullMean(), r.nullVariance(), 80).pValue());
    }

    @Test
    void sidesDrawnFromOneDistributionGiveAPValueNearOneHalfOrAbove() {
        Random random = new Random(7);
        double[] values = new double[400];
        for (int i = 0; i < values.length; i++) values[i] = random.nextGaussian();
        // The same multiset on both sides: U is exactly its null mean.
        RankSum r = RankSum.of(values, values.clone());
        double p = SequentialRankTest.outcome(r.u(), r.nullMean(), r.nullVariance(), 800).pValue();
        assertTrue(p >= 0.5, "p = " + p);
    }

    @Test
    void uOfSortedAgreesWithTheFullComputation() {
        Random random = new Random(11);
        double[] ref = new double[300];
        double[] cur = new double[250];
        for (int i = 0; i < ref.length; i++) ref[i] = Math.round(random.nextGaussian() * 4) / 4.0;
        for (int i = 0; i < cur.length; i++) cur[i] = Math.round((random.nextGaussian() + 0.3) * 4) / 4.0;
        double full = RankSum.of(ref, cur).u();
        java.util.Arrays.sort(ref);
        java.util.Arrays.sort(cur);
        assertEquals(full, RankSum.uOfSorted(ref, ref.length, cur, cur.length));
    }

    @Test
    void delongVarianceMatchesItsDefinition() {
        double[] ref = {0.1, 0.4, 0.4, 0.8};
        double[] cur = {0.4, 0.6, 0.9};
        // Structural components by definition: psi(x, y) = 1 if x > y, 1/2 if equal.
        double[] v10 = new double[cur.length];
        double[] v01 = new double[ref.length];
        for (int i = 0; i < cur.length; i++) {
            for (int j = 0; j < ref.length; j++) {
                double psi = cur[i] > ref[j] ? 1 : cur[i] == ref[j] ? 0.5 : 0;
                v10[i] += psi / ref.length;
                v01[j] += psi / cur.length;
            }
        }
        double expected = sampleVariance(v10) / cur.length + sampleVariance(v01) / ref.length;
        assertEquals(expected, RankSum.of(ref, cur).aucVariance(), 1e-12);
    }

    @Test
    void foldedAucPoolsPairsAcrossFoldsAndItsIntervalContainsIt() {
        RankSum a = RankSum.of(new double[]{1, 2, 3}, new double[]{2, 4});
        RankSum b = RankSum.of(new double[]{5, 6}, new double[]{1, 7, 8, 9});
        FoldedAuc auc = FoldedAuc.of(a, b);
        assertEquals((a.u() + b.u()) / (a.pairs() + b.pairs()), auc.auc(), 1e-15);
        assertTrue(auc.lower() <= auc.auc() && auc.auc() <= auc.upper());
        assertTrue(auc.lower() >= 0 && auc.upper() <= 1);
    }

    private static RankSum split(double[] pooled, int currentMask) {
        int n1 = Integer.bitCount(currentMask);
        double[] ref = new double[pooled.length - n1];
        double[] cur = new double[n1];
        int a = 0;
        int b = 0;
        for (int i = 0; i < pooled.length; i++) {
            if ((currentMask >> i & 1) == 1) cur[b++] = pooled[i];
            else ref[a++] = pooled[i];
        }
        return RankSum.of(ref, cur);
    }

    private static double sampleVariance(double[] x) {
        double mean = 0;
        for (double v : x) mean += v / x.length;
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        return ss / (x.length - 1);
    }
}
