package dev.imagedrift.detect;

import java.util.List;

/**
 * The images that explain a drift: the current images that look least like the reference
 * (highest scores first), and the reference images least like the current window (lowest first).
 */
public record Exemplars(List<Exemplar> current, List<Exemplar> reference) {
    public Exemplars {
        current = List.copyOf(current);
        reference = List.copyOf(reference);
    }

    public static Exemplars none() { return new Exemplars(List.of(), List.of()); }
}
