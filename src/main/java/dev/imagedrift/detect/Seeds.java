package dev.imagedrift.detect;

/**
 * Independent-looking seeds derived from the settings' seed for each random choice (folds,
 * subsamples, each fold's and property's permutations), so a result does not depend on the
 * order in which the choices are made.
 */
public final class Seeds {
    private Seeds() {}

    public static long derive(long seed, long... parts) {
        long h = mix(seed);
        for (long part : parts) h = mix(h ^ mix(part + 0x632BE59BD9B4E019L));
        return h;
    }

    /** SplitMix64's finaliser: a bijection that scatters nearby inputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
