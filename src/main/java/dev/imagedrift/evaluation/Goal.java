package dev.imagedrift.evaluation;

import java.util.List;

/**
 * One goal of the evaluation and what the measurements say about it.
 *
 * @param statement what was to be shown
 * @param met       whether the measured point estimates meet it
 * @param summary   one sentence with the deciding numbers
 * @param details   per-cell evidence, most of all for every cell that misses
 */
public record Goal(String statement, boolean met, String summary, List<String> details) {
    public Goal {
        details = List.copyOf(details);
    }
}
