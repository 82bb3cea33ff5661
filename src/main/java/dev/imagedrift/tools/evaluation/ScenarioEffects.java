package dev.imagedrift.tools.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How far a scenario moves each property: the difference of the current images' mean from the
 * pool's, in units of the pool's standard deviation (a standardised mean difference), so tiny and
 * large shifts can be told apart before any detector runs.
 */
final class ScenarioEffects {
    private ScenarioEffects() {}

    /** The {@code top} largest standardised mean differences, e.g. "Brightness +0.34 sd". */
    static String describe(EvaluationData data, Scenario scenario, int top) {
        PropertyTable base = data.pool(Shift.NONE);
        PropertyTable current = scenario.isDomain() ? data.domain(scenario.domain()) : data.pool(scenario.shift());
        List<String> names = data.propertyNames();
        record Effect(String name, double sd, String text) {}
        List<Effect> effects = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            double[] b = moments(base.rows(), j);
            double[] c = moments(current.rows(), j);
            if (c[2] == 0) {
                effects.add(new Effect(names.get(j), Double.POSITIVE_INFINITY, names.get(j) + " has no value (grayscale)"));
                continue;
            }
            if (b[2] == 0 || !(b[1] > 0)) continue;
            double d = (c[0] - b[0]) / b[1];
            effects.add(new Effect(names.get(j), Math.abs(d), String.format(Locale.ROOT, "%s %+.2f sd", names.get(j), d)));
        }
        effects.sort(Comparator.comparingDouble(Effect::sd).reversed());
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < Math.min(top, effects.size()); k++) texts.add(effects.get(k).text());
        return String.join(", ", texts);
    }

    /** Mean, standard deviation and count of the non-missing values of column j. */
    private static double[] moments(double[][] rows, int j) {
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (double[] row : rows) {
            double v = row[j];
            if (Double.isNaN(v)) continue;
            sum += v;
            squares += v * v;
            n++;
        }
        if (n == 0) return new double[] {Double.NaN, Double.NaN, 0};
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(Math.max(0, squares / n - mean * mean)), n};
    }
}
