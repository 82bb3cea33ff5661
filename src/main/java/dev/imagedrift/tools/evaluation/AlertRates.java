package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.AlertPolicy;
import dev.imagedrift.detect.AlertState;
import dev.imagedrift.detect.AlertStep;
import dev.imagedrift.detect.AlertTracker;
import dev.imagedrift.detect.AlertTransition;
import dev.imagedrift.detect.DriftStatus;

import java.util.HashMap;
import java.util.Map;

/**
 * How often the alert hysteresis fires when every window independently says DRIFT with
 * probability q: the long-run number of FIRING transitions per window, computed exactly from the
 * Markov chain of {@link AlertTracker}'s own states (not from a formula that could drift from
 * the code).
 */
public final class AlertRates {
    private static final int MAX_STEPS = 100_000;
    private static final double TOLERANCE = 1e-15;

    private AlertRates() {}

    /** Long-run FIRING transitions per window at a per-window DRIFT probability {@code q}. */
    public static double firingsPerWindow(AlertPolicy policy, double q) {
        if (!(q >= 0 && q <= 1)) throw new IllegalArgumentException("q must be a probability, got " + q);
        Map<AlertState, Double> distribution = Map.of(AlertState.initial(), 1.0);
        double rate = Double.NaN;
        for (int step = 0; step < MAX_STEPS; step++) {
            Map<AlertState, Double> next = new HashMap<>();
            double firing = 0;
            for (Map.Entry<AlertState, Double> e : distribution.entrySet()) {
                firing += move(policy, e.getKey(), DriftStatus.DRIFT, e.getValue() * q, next);
                move(policy, e.getKey(), DriftStatus.OK, e.getValue() * (1 - q), next);
            }
            boolean settled = Math.abs(firing - rate) <= TOLERANCE * Math.max(1.0, firing) && step > policy.outOf() + 2;
            rate = firing;
            distribution = next;
            if (settled) return rate;
        }
        return rate;
    }

    /** Adds the successor of {@code state} to {@code next}; returns the probability of a FIRING transition. */
    private static double move(AlertPolicy policy, AlertState state, DriftStatus status, double probability,
                               Map<AlertState, Double> next) {
        if (probability == 0) return 0;
        AlertStep step = AlertTracker.next(policy, state, status);
        next.merge(canonical(policy, step.state()), probability, Double::sum);
        return step.transition() == AlertTransition.FIRING ? probability : 0;
    }

    /**
     * Only the last {@code outOf} windows of the history and a clean streak up to
     * {@code resolveAfter} affect what the tracker does next, so states differing elsewhere are one.
     */
    private static AlertState canonical(AlertPolicy policy, AlertState state) {
        long mask = policy.outOf() == 64 ? -1L : (1L << policy.outOf()) - 1;
        return new AlertState(state.firing(), state.history() & mask, Math.min(state.cleanStreak(), policy.resolveAfter()));
    }
}
