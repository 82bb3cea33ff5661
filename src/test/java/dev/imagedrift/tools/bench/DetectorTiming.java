package dev.imagedrift.tools.bench;

import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.detect.DriftDetector;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.Samples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times both decision rules on the reference and current matrices the side-by-side script writes
 * (CSV, one row of 7 property values per image, empty for "no value"), the same files scikit-learn
 * is timed on. One thread (run it pinned to one core, with the common pool's parallelism at 1):
 * warm-up calls, then the median of the timed calls, wall-clock and thread CPU time.
 *
 * <pre>java -cp ... dev.imagedrift.tools.bench.DetectorTiming REF.csv CUR.csv [warmup] [timed]</pre>
 */
public final class DetectorTiming {
    private static final List<String> PROPERTIES = List.of("Aspect Ratio", "Area", "Brightness", "RMS Contrast",
            "Mean Red Relative Intensity", "Mean Green Relative Intensity", "Mean Blue Relative Intensity");

    private DetectorTiming() {}

    public static void main(String[] args) throws IOException {
        Samples reference = read(Path.of(args[0]), "r");
        Samples current = read(Path.of(args[1]), "c");
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int timed = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        time("calibrated", Detectors.create(DetectorSettings.calibratedDefaults()), reference, current, warmup, timed);
        time("reference-check", Detectors.create(DetectorSettings.referenceCheckDefaults()), reference, current,
                warmup, timed);
    }

    private static void time(String mode, DriftDetector detector, Samples reference, Samples current, int warmup,
                             int timed) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        DriftResult last = null;
        for (int i = 0; i < warmup; i++) {
            last = detector.detect(reference, current);
        }
        double[] wall = new double[timed];
        double[] cpu = new double[timed];
        for (int i = 0; i < timed; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            last = detector.detect(reference, current);
            wall[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        System.out.printf(Locale.ROOT, "{\"path\": \"java-%s\", \"per_side\": %d, \"median_ms\": %.1f, "
                        + "\"median_cpu_ms\": %.1f, \"min_ms\": %.1f, \"auc\": %.4f}%n", mode, reference.size(),
                median(wall), median(cpu), Arrays.stream(wall).min().orElse(Double.NaN), last.auc());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Rows of 7 comma-separated values; an empty field is a missing value. */
    static Samples read(Path csv, String prefix) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            double[] row = new double[PROPERTIES.size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = fields[j].isEmpty() ? Double.NaN : Double.parseDouble(fields[j]);
            }
            rows.add(row);
        }
        List<String> ids = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ids.add(prefix + i);
        }
        return new Samples(PROPERTIES, rows.toArray(new double[0][]), ids);
    }
}
