package dev.imagedrift.tools.evaluation;

import java.util.SplittableRandom;

/** Random windows drawn from a pool without replacement. */
final class WindowDraw {
    private WindowDraw() {}

    /**
     * {@code count} distinct row numbers of a pool of {@code poolSize}, uniformly at random in
     * random order (a partial Fisher-Yates shuffle): the first n can be one window and the next n
     * another, and the two never share an image.
     */
    static int[] distinct(int poolSize, int count, SplittableRandom random) {
        if (count < 0 || count > poolSize) {
            throw new IllegalArgumentException("cannot draw " + count + " distinct images from a pool of " + poolSize);
        }
        int[] rows = new int[poolSize];
        for (int i = 0; i < poolSize; i++) rows[i] = i;
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(poolSize - i);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        int[] drawn = new int[count];
        System.arraycopy(rows, 0, drawn, 0, count);
        return drawn;
    }
}
