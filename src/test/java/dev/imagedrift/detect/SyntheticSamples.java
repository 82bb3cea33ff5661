package dev.imagedrift.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic property vectors for detector tests: independent normals, one optional shift. */
final class SyntheticSamples {
    static final List<String> PROPERTIES = List.of("Aspect Ratio", "Area", "Brightness", "RMS Contrast",
            "Mean Red Relative Intensity", "Mean Green Relative Intensity", "Mean Blue Relative Intensity");

    private SyntheticSamples() {}

    /** {@code n} rows of 7 standard normals, property {@code shifted} moved by {@code shift}. */
    static Samples normal(int n, long seed, String prefix, int shifted, double shift) {
        Random random = new Random(seed);
        double[][] rows = new double[n][PROPERTIES.size()];
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < PROPERTIES.size(); j++) {
                rows[i][j] = random.nextGaussian() + (j == shifted ? shift : 0.0);
            }
            ids.add(prefix + i);
        }
        return new Samples(PROPERTIES, rows, ids);
    }

    static Samples normal(int n, long seed, String prefix) {
        return normal(n, seed, prefix, -1, 0.0);
    }

    /** The same rows with the last three properties missing (NaN) in every row where {@code gray[i]}. */
    static Samples withGrayscale(Samples samples, double fraction, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[samples.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = samples.rows()[i].clone();
            if (random.nextDouble() < fraction) {
                for (int j = 4; j < 7; j++) rows[i][j] = Double.NaN;
            }
        }
        return new Samples(samples.propertyNames(), rows, samples.ids());
    }
}
