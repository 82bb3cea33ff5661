package dev.imagedrift.report;

import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.DriftStatus;
import dev.imagedrift.detect.Exemplar;
import dev.imagedrift.detect.Exemplars;
import dev.imagedrift.detect.PropertyImportance;
import dev.imagedrift.detect.Samples;
import dev.imagedrift.detect.UnivariateDrift;
import dev.imagedrift.properties.PropertySet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Hand-built results and sides for report tests (the real detector is not needed). */
final class ReportFixtures {
    static final Instant GENERATED = Instant.parse("2025-06-01T12:00:00Z");
    static final List<String> NAMES = PropertySet.defaults().names();

    private ReportFixtures() {}

    /** n rows with brightness around {@code brightness}; every fourth row grayscale. */
    static Samples samples(String prefix, int n, double brightness, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[n][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean gray = i % 4 == 3;
            double r = 0.33 + 0.02 * random.nextGaussian();
            rows[i] = new double[] {0.75, 307_200, brightness + 15 * random.nextGaussian(), 50 + 8 * random.nextGaussian(),
                    gray ? Double.NaN : r, gray ? Double.NaN : 0.34, gray ? Double.NaN : 1 - r - 0.34};
            ids.add(prefix + String.format("/img%03d.jpg", i));
        }
        return new Samples(NAMES, rows, ids);
    }

    static List<PropertyImportance> importance() {
        return List.of(new PropertyImportance("Brightness", 0.412), new PropertyImportance("RMS Contrast", 0.103),
                new PropertyImportance("Mean Blue Relative Intensity", 0.021),
                new PropertyImportance("Mean Red Relative Intensity", 0.004), new PropertyImportance("Aspect Ratio", 0),
                new PropertyImportance("Area", 0), new PropertyImportance("Mean Green Relative Intensity", 0));
    }

    static List<UnivariateDrift> univariate(int nRef, int nCur) {
        List<UnivariateDrift> out = new ArrayList<>();
        double[] ks = {0, 0, 0.61, 0.5, 0.197, 0.278, 0.288};
        for (int i = 0; i < NAMES.size(); i++) {
            boolean constant = i < 2;
            out.add(new UnivariateDrift(NAMES.get(i), ks[i], constant ? 1.0 : Math.pow(10, -5 - i), ks[i] * 0.6,
                    nRef, nCur));
        }
        return out;
    }

    static DriftResult drift(List<Exemplar> current, List<Exemplar> reference) {
        return new DriftResult(DriftStatus.DRIFT,
                "AUC 0.856 separates current from reference, p = 2.1e-41 < alpha 0.01; score 0.712 >= floor 0.1",
                0.712, 0.856, 0.82, 0.89, 2.1e-41, 400, 150, 400, 15, importance(), univariate(400, 150),
                new Exemplars(current, reference), DetectorSettings.calibratedDefaults());
    }

    static DriftResult referenceCheckOk() {
        return new DriftResult(DriftStatus.OK, "score 0.043 < threshold 0.1", 0.043, 0.5215, null, null, null,
                400, 150, null, null, importance(), univariate(400, 150), null, DetectorSettings.referenceCheckDefaults());
    }

    static DriftResult insufficient() {
        List<UnivariateDrift> none = new ArrayList<>();
        for (String name : NAMES) {
            none.add(new UnivariateDrift(name, null, null, null, 400, 12));
        }
        return new DriftResult(DriftStatus.INSUFFICIENT_DATA, "only 12 current samples; 30 needed", Double.NaN,
                Double.NaN, null, null, null, 400, 12, null, null, List.of(), none, null, DetectorSettings.calibratedDefaults());
    }

    static ReportSide side(String source, Samples samples, ThumbnailSource thumbnails) {
        return new ReportSide(source, samples, samples.size() + 3, Map.of("undecodable", 2, "empty", 1),
                "3fa2b9c01d4e", thumbnails);
    }

    static CheckReport report(DriftResult result) {
        return new CheckReport(result, side("/data/train", samples("train", 400, 110, 1), ThumbnailSource.none()),
                side("/data/prod", samples("prod", 150, 160, 2), ThumbnailSource.none()), GENERATED);
    }
}
