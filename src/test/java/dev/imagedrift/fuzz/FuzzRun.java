package dev.imagedrift.fuzz;

import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Seeded, repeatable fuzz runs for plain JUnit tests: {@code tries} inputs, each drawn from its own
 * random stream derived from the seed and the try, so a failure names the one input to replay.
 * {@code -Dimagedrift.fuzz.tries=N} and {@code -Dimagedrift.fuzz.seed=S} run longer or other inputs
 * (SECURITY.md lists the long runs).
 */
public final class FuzzRun {
    private FuzzRun() {}

    /** The configured number of tries, or {@code defaultTries} (the bounded run of {@code mvn verify}). */
    public static int tries(int defaultTries) {
        return Integer.getInteger("imagedrift.fuzz.tries", defaultTries);
    }

    public static long seed(long defaultSeed) {
        return Long.getLong("imagedrift.fuzz.seed", defaultSeed);
    }

    /** Runs {@code check} on {@code tries} random streams; an exception is rethrown naming its seed and try. */
    public static void run(int tries, long seed, BiConsumer<Integer, SplittableRandom> check) {
        for (int t = 0; t < tries; t++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + t);
            try {
                check.accept(t, random);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("fuzz input failed: seed " + seed + ", try " + t
                        + " (replay with -Dimagedrift.fuzz.seed=" + seed + ")", e);
            }
        }
    }

    /** Random bytes, up to {@code maxLength} long (a third of them short, where parsers are most fragile). */
    public static byte[] bytes(SplittableRandom random, int maxLength) {
        int n = random.nextInt(3) == 0 ? random.nextInt(Math.min(16, maxLength) + 1) : random.nextInt(maxLength + 1);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) out[i] = (byte) random.nextInt(256);
        return out;
    }

    /** One of the given values. */
    @SafeVarargs
    public static <T> T oneOf(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
