package dev.imagedrift.detect;

/**
 * The alert state of one stream, kept by the stream between windows (plain data, serialisable).
 *
 * @param firing       whether the alert is FIRING
 * @param history      the evaluated windows since the alert last resolved, newest in bit 0:
 *                     1 = DRIFT, 0 = OK (the last 64 at most)
 * @param cleanStreak  consecutive OK windows up to now
 */
public record AlertState(boolean firing, long history, int cleanStreak) {
    public AlertState {
        if (cleanStreak < 0) throw new IllegalArgumentException("cleanStreak must be >= 0, got " + cleanStreak);
    }

    /** No alert, no history. */
    public static AlertState initial() {
        return new AlertState(false, 0L, 0);
    }
}
