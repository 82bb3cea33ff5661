package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.AlertPolicy;
import dev.imagedrift.detect.AlertState;
import dev.imagedrift.detect.AlertStep;
import dev.imagedrift.detect.AlertTracker;
import dev.imagedrift.detect.AlertTransition;
import dev.imagedrift.detect.DriftStatus;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AlertRatesTest {
    @Test
    void fireOnFirstDriftResolveOnFirstCleanFiresAtEveryOkToDriftStep() {
        // Fires at window t iff t is DRIFT and t-1 was OK: q (1 - q) per window.
        AlertPolicy immediate = new AlertPolicy(1, 1, 1);
        for (double q : new double[] {0.01, 0.2, 0.5, 0.9}) {
            assertEquals(q * (1 - q), AlertRates.firingsPerWindow(immediate, q), 1e-12, "q = " + q);
        }
    }

    @Test
    void defaultPolicyAgreesWithASimulationOfTheTracker() {
        AlertPolicy policy = AlertPolicy.defaults();
        double q = 0.1;
        SplittableRandom random = new SplittableRandom(5);
        AlertState state = AlertState.initial();
        int windows = 2_000_000;
        int firings = 0;
        for (int w = 0; w < windows; w++) {
            AlertStep step = AlertTracker.next(policy, state, random.nextDouble() < q ? DriftStatus.DRIFT : DriftStatus.OK);
            if (step.transition() == AlertTransition.FIRING) firings++;
            state = step.state();
        }
        double simulated = (double) firings / windows;
        double exact = AlertRates.firingsPerWindow(policy, q);
        // Standard error of the simulated rate is about sqrt(rate / windows) = 0.0002.
        assertEquals(exact, simulated, 0.001);
    }

    @Test
    void smallRatesGiveAboutTwoQSquaredNotThreeQSquared() {
        double q = 0.001;
        double rate = AlertRates.firingsPerWindow(AlertPolicy.defaults(), q);
        assertEquals(2 * q * q, rate, 0.01 * 2 * q * q);
    }

    @Test
    void noDriftNeverFires() {
        assertEquals(0.0, AlertRates.firingsPerWindow(AlertPolicy.defaults(), 0.0));
        assertThrows(IllegalArgumentException.class, () -> AlertRates.firingsPerWindow(AlertPolicy.defaults(), 1.5));
    }
}
