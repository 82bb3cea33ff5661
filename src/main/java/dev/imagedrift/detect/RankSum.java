package dev.imagedrift.detect;

import java.util.Arrays;

/**
 * The Mann-Whitney statistic of one group of classifier scores: current scores against
 * reference scores from the same model, ties counted one half.
 *
 * @param u             number of (current, reference) pairs where the current score is higher,
 *                      plus half the tied pairs; {@code u / (n0 * n1)} is the AUC
 * @param n0            reference scores
 * @param n1            current scores
 * @param nullVariance  variance of {@code u} under the permutation null, tie-corrected
 * @param aucVariance   DeLong's variance estimate of {@code u / (n0 * n1)} (0 when a side has one score)
 */
record RankSum(double u, int n0, int n1, double nullVariance, double aucVariance) {

    /** Mean of {@code u} under the null: half of all pairs. */
    double nullMean() { return 0.5 * pairs(); }

    double pairs() { return (double) n0 * n1; }

    static RankSum of(double[] referenceScores, double[] currentScores) {
        double[] ref = referenceScores.clone();
        double[] cur = currentScores.clone();
        Arrays.sort(ref);
        Arrays.sort(cur);
        int n0 = ref.length;
        int n1 = cur.length;

        // Walk both sorted groups one distinct value at a time. For a value v with a reference and
        // b current scores: each current score there beats the i references below v and ties a.
        double u = 0;
        double tieTerm = 0;
        double sumBeat = 0;    // DeLong components: per current score, share of references beaten
        double sumBeatSq = 0;
        double sumBeaten = 0;  // per reference score, share of current scores above it
        double sumBeatenSq = 0;
        int i = 0;
        int j = 0;
        while (i < n0 || j < n1) {
            double v = j >= n1 || (i < n0 && ref[i] <= cur[j]) ? ref[i] : cur[j];
            int a = 0;
            while (i + a < n0 && ref[i + a] == v) a++;
            int b = 0;
            while (j + b < n1 && cur[j + b] == v) b++;
            u += b * (i + 0.5 * a);
            double t = a + b;
            tieTerm += t * t * t - t;
            if (n0 > 0) {
                double beat = (i + 0.5 * a) / n0;
                sumBeat += b * beat;
                sumBeatSq += b * beat * beat;
            }
            if (n1 > 0) {
                double beaten = (n1 - j - b + 0.5 * b) / n1;
                sumBeaten += a * beaten;
                sumBeatenSq += a * beaten * beaten;
            }
            i += a;
            j += b;
        }
        double n = n0 + n1;
        double nullVariance = n < 2 ? 0 : (double) n0 * n1 / 12.0 * ((n + 1) - tieTerm / (n * (n - 1)));
        double aucVariance = sampleVariance(sumBeat, sumBeatSq, n1) / n1 + sampleVariance(sumBeaten, sumBeatenSq, n0) / n0;
        return new RankSum(u, n0, n1, Math.max(0, nullVariance), Double.isNaN(aucVariance) ? 0 : aucVariance);
    }

    private static double sampleVariance(double sum, double sumSq, int count) {
        if (count < 2) return 0;
        double mean = sum / count;
        return Math.max(0, (sumSq - count * mean * mean) / (count - 1));
    }

    /** Only {@code u}, for inner loops: both arrays already sorted ascending. */
    static double uOfSorted(double[] sortedReference, int n0, double[] sortedCurrent, int n1) {
        double u = 0;
        int i = 0;
        int j = 0;
        while (j < n1) {
            double v = sortedCurrent[j];
            while (i < n0 && sortedReference[i] < v) i++;
            int a = 0;
            while (i + a < n0 && sortedReference[i + a] == v) a++;
            int b = 0;
            while (j + b < n1 && sortedCurrent[j + b] == v) b++;
            u += b * (i + 0.5 * a);
            j += b;
        }
        return u;
    }
}
