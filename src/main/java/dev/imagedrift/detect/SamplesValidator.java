package dev.imagedrift.detect;

import java.util.List;

/** Rejects a pair of samples that cannot be compared, with a message naming the offending input. */
final class SamplesValidator {
    private SamplesValidator() {}

    static void requireComparable(Samples reference, Samples current) {
        if (reference == null) throw new IllegalArgumentException("reference samples must not be null");
        if (current == null) throw new IllegalArgumentException("current samples must not be null");
        List<String> names = reference.propertyNames();
        if (names.isEmpty()) throw new IllegalArgumentException("reference samples have no properties");
        if (!names.equals(current.propertyNames())) {
            throw new IllegalArgumentException("current samples have properties " + current.propertyNames()
                    + " but the reference has " + names + " (same names, same order required)");
        }
        requireNoInfinity("reference", reference);
        requireNoInfinity("current", current);
    }

    /** NaN means "no value" and is allowed; an infinity is a broken input. */
    private static void requireNoInfinity(String side, Samples samples) {
        double[][] rows = samples.rows();
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            for (int j = 0; j < row.length; j++) {
                if (Double.isInfinite(row[j])) {
                    throw new IllegalArgumentException(side + " sample '" + samples.ids().get(i) + "' has value "
                            + row[j] + " for property '" + samples.propertyNames().get(j) + "'");
                }
            }
        }
    }
}
