package dev.imagedrift.detect;

/**
 * Alert hysteresis as a pure state machine: state and window status in, next state and
 * transition out (the stream keeps the state per stream).
 *
 * <ul>
 *   <li>Not firing: FIRING when at least {@code fireAfter} of the last {@code outOf} evaluated
 *       windows (this one included) were DRIFT.</li>
 *   <li>Firing: RESOLVED after {@code resolveAfter} consecutive OK windows; further DRIFT windows
 *       change nothing (one FIRING per episode). Resolving clears the history, so a new alert needs
 *       {@code fireAfter} fresh DRIFT windows.</li>
 *   <li>INSUFFICIENT_DATA windows are neither drift nor clean: they change nothing, not even the
 *       clean streak.</li>
 * </ul>
 */
public final class AlertTracker {
    private AlertTracker() {}

    public static AlertStep next(AlertPolicy policy, AlertState state, DriftStatus status) {
        if (policy == null) throw new IllegalArgumentException("policy must not be null");
        if (state == null) throw new IllegalArgumentException("state must not be null");
        if (status == null) throw new IllegalArgumentException("status must not be null");
        return switch (status) {
            case INSUFFICIENT_DATA -> new AlertStep(state, AlertTransition.NONE);
            case DRIFT -> onDrift(policy, state);
            case OK -> onClean(policy, state);
        };
    }

    private static AlertStep onDrift(AlertPolicy policy, AlertState state) {
        long history = (state.history() << 1) | 1L;
        if (state.firing()) return new AlertStep(new AlertState(true, history, 0), AlertTransition.NONE);
        long recent = policy.outOf() == 64 ? history : history & ((1L << policy.outOf()) - 1);
        boolean fire = Long.bitCount(recent) >= policy.fireAfter();
        return new AlertStep(new AlertState(fire, history, 0), fire ? AlertTransition.FIRING : AlertTransition.NONE);
    }

    private static AlertStep onClean(AlertPolicy policy, AlertState state) {
        int streak = state.cleanStreak() == Integer.MAX_VALUE ? Integer.MAX_VALUE : state.cleanStreak() + 1;
        if (state.firing() && streak >= policy.resolveAfter()) {
            return new AlertStep(new AlertState(false, 0L, streak), AlertTransition.RESOLVED);
        }
        return new AlertStep(new AlertState(state.firing(), state.history() << 1, streak), AlertTransition.NONE);
    }
}
