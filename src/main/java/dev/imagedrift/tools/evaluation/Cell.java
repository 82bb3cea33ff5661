package dev.imagedrift.tools.evaluation;

import java.util.Objects;

/** One point of the evaluation grid: a scenario at one window size, repeated {@code trials} times. */
public record Cell(Scenario scenario, int size, int trials) {
    public Cell {
        Objects.requireNonNull(scenario, "scenario");
        if (size < 1) throw new IllegalArgumentException("window size must be positive, got " + size);
        if (trials < 1) throw new IllegalArgumentException("trials must be positive, got " + trials);
    }
}
