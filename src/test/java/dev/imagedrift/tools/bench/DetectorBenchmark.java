package dev.imagedrift.tools.bench;

import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.detect.DriftDetector;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.Samples;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One detection of {@code perSide} vs {@code perSide} synthetic 7-property samples with a small
 * shift, in each mode, on one thread. Smile's tree fitting runs its per-feature split search as
 * a parallel stream on the common pool: scripts/bench-detector.sh pins the JVM to one core and
 * sets the common pool's parallelism to 1 so the figure is a one-core figure.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=1"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class DetectorBenchmark {
    private static final List<String> PROPERTIES = List.of("Aspect Ratio", "Area", "Brightness", "RMS Contrast",
            "Mean Red Relative Intensity", "Mean Green Relative Intensity", "Mean Blue Relative Intensity");

    @Param({"10000"})
    public int perSide;

    /**
     * "varied": every image its own size (continuous area and aspect); "fixed": one camera mode
     * for all (constant area and aspect), the costly case for near-duplicate grouping, which must
     * then compare the appearance of every frame in one bucket.
     */
    @Param({"varied", "fixed"})
    public String geometry;

    private Samples reference;
    private Samples current;
    private DriftDetector calibrated;
    private DriftDetector referenceCheck;

    @Setup
    public void setUp() {
        boolean fixed = geometry.equals("fixed");
        reference = samples(perSide, 1, "r", 0.0, fixed);
        current = samples(perSide, 2, "c", 0.1, fixed); // a small brightness shift
        calibrated = Detectors.create(DetectorSettings.calibratedDefaults());
        referenceCheck = Detectors.create(DetectorSettings.referenceCheckDefaults());
    }

    /** k = 5 cross-fitting, chained p-value, permutation importance (10 repeats), univariate tests. */
    @Benchmark
    public DriftResult calibrated() {
        return calibrated.detect(reference, current);
    }

    /** Balanced subsample, one 70/30 split, accuracy permutation importance (10 repeats), univariate tests. */
    @Benchmark
    public DriftResult referenceCheck() {
        return referenceCheck.detect(reference, current);
    }

    /**
     * Independent normals; brightness (column 2) moved by {@code shift}; a tenth of rows grayscale;
     * with {@code fixedGeometry} aspect and area (columns 0 and 1) constant.
     */
    static Samples samples(int n, long seed, String prefix, double shift, boolean fixedGeometry) {
        Random random = new Random(seed);
        double[][] rows = new double[n][PROPERTIES.size()];
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rows[i].length; j++) rows[i][j] = random.nextGaussian() + (j == 2 ? shift : 0.0);
            if (fixedGeometry) {
                rows[i][0] = 0.75;
                rows[i][1] = 307_200;
            }
            if (random.nextInt(10) == 0) {
                for (int j = 4; j < 7; j++) rows[i][j] = Double.NaN;
            }
            ids.add(prefix + i);
        }
        return new Samples(PROPERTIES, rows, ids);
    }
}
