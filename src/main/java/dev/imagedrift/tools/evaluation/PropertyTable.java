package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.Samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Property vectors of one set of images under one variant (for example the pool brightened by
 * 16 levels): row i belongs to image {@code ids.get(i)}. Rows are shared, never copied or changed.
 */
public record PropertyTable(String name, List<String> propertyNames, List<String> ids, double[][] rows) {
    public PropertyTable {
        Objects.requireNonNull(name, "name");
        propertyNames = List.copyOf(propertyNames);
        ids = List.copyOf(ids);
        Objects.requireNonNull(rows, "rows");
        if (rows.length != ids.size()) {
            throw new IllegalArgumentException(name + ": " + rows.length + " rows but " + ids.size() + " ids");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != propertyNames.size()) {
                throw new IllegalArgumentException(name + ": row " + i + " does not hold " + propertyNames.size()
                        + " property values");
            }
        }
    }

    public int size() { return rows.length; }

    /** The detector's input for the given rows of this table, in that order. */
    public Samples window(int[] indices, int from, int to) {
        double[][] selected = new double[to - from][];
        List<String> selectedIds = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            selected[k - from] = rows[indices[k]];
            selectedIds.add(ids.get(indices[k]));
        }
        return new Samples(propertyNames, selected, selectedIds);
    }
}
