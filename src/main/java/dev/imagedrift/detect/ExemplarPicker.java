package dev.imagedrift.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The images that explain a score: the current images the classifier finds least like the
 * reference (highest probability of "current" first) and the reference images least like the
 * current window (lowest first). Equal scores keep input order, so results are reproducible.
 */
final class ExemplarPicker {
    private ExemplarPicker() {}

    /** @param margins classifier margin of every pooled row (higher = more like the current side) */
    static Exemplars pick(PooledSamples data, double[] margins, int count) {
        if (count == 0) return Exemplars.none();
        int nRef = data.nReference();
        List<Exemplar> current = top(data, margins, count, nRef, data.size(), -1.0);
        List<Exemplar> reference = top(data, margins, count, 0, nRef, 1.0);
        return new Exemplars(current, reference);
    }

    /**
     * The {@code count} rows of {@code from..to-1} with the smallest {@code sign * margin}, in
     * that order: a bounded insertion list, one pass, no boxing (count is small).
     */
    private static List<Exemplar> top(PooledSamples data, double[] margins, int count, int from, int to, double sign) {
        int[] best = new int[Math.min(count, to - from)];
        if (best.length == 0) return List.of();
        int size = 0;
        for (int row = from; row < to; row++) {
            double key = sign * margins[row];
            if (size == best.length && key >= sign * margins[best[size - 1]]) continue;
            int at = size == best.length ? size - 1 : size++;
            while (at > 0 && key < sign * margins[best[at - 1]]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = row;
        }
        List<Exemplar> picked = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            picked.add(new Exemplar(data.id(best[i]), TreeEnsemble.probability(margins[best[i]])));
        }
        return picked;
    }
}
