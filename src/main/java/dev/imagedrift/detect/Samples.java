package dev.imagedrift.detect;

import java.util.List;
import java.util.Objects;

/**
 * Property vectors of one side of a comparison (the reference or the current window): row i
 * holds the values of {@code propertyNames} for the image {@code ids.get(i)}, {@code NaN} where
 * a property has no value (for example the relative intensities of a grayscale image).
 */
public record Samples(List<String> propertyNames, double[][] rows, List<String> ids) {
    public Samples {
        propertyNames = List.copyOf(propertyNames);
        ids = List.copyOf(ids);
        Objects.requireNonNull(rows, "rows");
        if (rows.length != ids.size()) {
            throw new IllegalArgumentException(rows.length + " rows but " + ids.size() + " ids");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != propertyNames.size()) {
                throw new IllegalArgumentException("row " + i + " (" + ids.get(i) + ") has " + rows[i].length
                        + " values for " + propertyNames.size() + " properties");
            }
        }
    }

    public int size() { return rows.length; }

    public int dimension() { return propertyNames.size(); }
}
