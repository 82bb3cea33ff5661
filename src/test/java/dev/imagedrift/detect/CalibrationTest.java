package dev.imagedrift.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calibrated rule's false-alarm rate with no drift at all, on small windows where the
 * reference check alarms a quarter of the time: seeded null trials, both sides drawn from one
 * distribution.
 */
class CalibrationTest {
    private static final double ALPHA = 0.05;

    @ParameterizedTest(name = "{0} vs {0}, {1} windows")
    @CsvSource({"50, 300", "100, 200"})
    void withNoDriftThePValueIsNotAntiConservativeAndFalseAlarmsStayWithinTwiceAlpha(int perSide, int trials) {
        // Effect-size floor 0: the rule is "p < alpha" alone, the strictest check of the p-value.
        DetectorSettings settings = new DetectorSettings(DetectionMode.CALIBRATED, 5, 10, 2, 0.1, 20, ALPHA, 0.0, 30,
                0, 0, 42L);
        DriftDetector detector = new CalibratedDetector(settings);
        double[] thresholds = {0.01, 0.05, 0.1, 0.2, 0.3, 0.5};
        int[] below = new int[thresholds.length];
        int alarms = 0;
        int covered = 0;
        for (int t = 0; t < trials; t++) {
            DriftResult result = detector.detect(SyntheticSamples.normal(perSide, 1_000 + 2L * t, "r"),
                    SyntheticSamples.normal(perSide, 1_001 + 2L * t, "c"));
            if (result.status() == DriftStatus.DRIFT) alarms++;
            if (result.aucLower() <= 0.5 && 0.5 <= result.aucUpper()) covered++;
            for (int k = 0; k < thresholds.length; k++) if (result.pValue() <= thresholds[k]) below[k]++;
        }

        double falseAlarmRate = (double) alarms / trials;
        assertTrue(falseAlarmRate <= 2 * ALPHA, "false-alarm rate " + falseAlarmRate + " at alpha " + ALPHA);
        for (int k = 0; k < thresholds.length; k++) {
            double t = thresholds[k];
            double share = (double) below[k] / trials;
            double allowance = 3 * Math.sqrt(t * (1 - t) / trials); // three binomial standard errors
            assertTrue(share <= t + allowance, "P(p <= " + t + ") = " + share + " exceeds " + (t + allowance));
        }
        double coverage = (double) covered / trials;
        assertTrue(coverage >= 0.9, "95% interval covered the null AUC 0.5 in only " + coverage);
    }
}
