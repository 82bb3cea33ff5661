package dev.imagedrift.tools.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A window of correlated traffic: {@code scenes} scenes, each a burst of {@code minBurst ..
 * maxBurst} near-identical frames (uniform; frames moved by up to {@code jitter} pixels and
 * re-encoded, see {@link BurstBank}), plus {@code independentFrames} independent pool images,
 * shuffled together; against a reference of {@code referenceSize} independent pool images.
 *
 * @param key               short stable name
 * @param referenceSize     independent reference images
 * @param scenes            scenes in the current window
 * @param minBurst          shortest burst (frames of one scene)
 * @param maxBurst          longest burst
 * @param jitter            largest movement between frames, output pixels (one of {@link BurstBank#JITTERS})
 * @param independentFrames independent images mixed into the current window
 */
record BurstScenario(String key, int referenceSize, int scenes, int minBurst, int maxBurst, int jitter,
                     int independentFrames) {
    BurstScenario {
        Objects.requireNonNull(key, "key");
        if (scenes < 1 || minBurst < 1 || maxBurst < minBurst || maxBurst > BurstBank.FRAMES) {
            throw new IllegalArgumentException(key + ": bad scene or burst counts");
        }
        boolean known = false;
        for (int j : BurstBank.JITTERS) known |= j == jitter;
        if (!known) throw new IllegalArgumentException(key + ": jitter " + jitter + " is not in the burst bank");
    }

    /** The case: 10 scenes x 10 near-duplicates, 100 a window, against 1,000 independent images. */
    static final String GOAL_KEY = "10x10-j4";

    /** The scenarios of the evaluation. */
    static List<BurstScenario> defaults() {
        return List.of(
                new BurstScenario("10x10-j2", 1000, 10, 10, 10, 2, 0),
                new BurstScenario(GOAL_KEY, 1000, 10, 10, 10, 4, 0),
                new BurstScenario("10x10-j8", 1000, 10, 10, 10, 8, 0),
                new BurstScenario("5x20-j4", 1000, 5, 20, 20, 4, 0),
                new BurstScenario("50x2-30-j4", 1000, 50, 2, 30, 4, 0),
                new BurstScenario("20x2-30-j8-ref200", 200, 20, 2, 30, 8, 0),
                new BurstScenario("mix-10x10+100", 1000, 10, 10, 10, 4, 100),
                new BurstScenario("mix-30x2-30+200", 1000, 30, 2, 30, 4, 200));
    }

    /** Expected frames in the current window. */
    double meanFrames() {
        return scenes * (minBurst + maxBurst) / 2.0 + independentFrames;
    }

    /** Independent units the window truly holds. */
    int trueUnits() { return scenes + independentFrames; }

    String label() {
        String bursts = minBurst == maxBurst ? Integer.toString(minBurst) : minBurst + "-" + maxBurst;
        String mix = independentFrames > 0 ? String.format(Locale.ROOT, " + %,d independent", independentFrames) : "";
        return String.format(Locale.ROOT, "%d scenes x %s frames, moved <= %d px%s; reference %,d", scenes, bursts,
                jitter, mix, referenceSize);
    }
}
