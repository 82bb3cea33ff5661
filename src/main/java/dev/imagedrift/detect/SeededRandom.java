package dev.imagedrift.detect;

/**
 * A small, fast, seeded generator (SplitMix64) for shuffles: the same sequence on every JDK
 * (unlike the unspecified algorithms behind newer JDK generators) and without the atomic update
 * that makes {@code java.util.Random} slow in tight loops. Not for concurrent use.
 */
final class SeededRandom {
    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound), by rejection so that no value is favoured. */
    int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound; // largest multiple of bound, exclusive
        long r;
        do {
            r = nextLong() >>> 1;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /** Fisher-Yates shuffle in place. */
    void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
