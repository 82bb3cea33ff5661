package dev.imagedrift.detect;

/**
 * When an alert starts and stops, so one noisy window neither pages nor clears it.
 *
 * @param fireAfter     FIRING once this many of the last {@code outOf} evaluated windows were DRIFT
 * @param outOf         how many evaluated windows the firing rule looks back over (at most 64)
 * @param resolveAfter  RESOLVED after this many consecutive OK windows while firing
 */
public record AlertPolicy(int fireAfter, int outOf, int resolveAfter) {
    /** Windows remembered in {@link AlertState#history()}. */
    public static final int MAX_WINDOWS = 64;

    public AlertPolicy {
        if (fireAfter < 1) throw new IllegalArgumentException("fireAfter must be at least 1, got " + fireAfter);
        if (outOf < fireAfter) {
            throw new IllegalArgumentException("outOf must be at least fireAfter (" + fireAfter + "), got " + outOf);
        }
        if (outOf > MAX_WINDOWS) {
            throw new IllegalArgumentException("outOf must be at most " + MAX_WINDOWS + ", got " + outOf);
        }
        if (resolveAfter < 1) throw new IllegalArgumentException("resolveAfter must be at least 1, got " + resolveAfter);
    }

    /** 2 DRIFT windows of the last 3 fire; 2 consecutive OK windows resolve. */
    public static AlertPolicy defaults() {
        return new AlertPolicy(2, 3, 2);
    }
}
