package dev.imagedrift.tools.bench;

import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SnapshotRow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Property vectors with the spread of small photos, for load benchmarks and stream tests where
 * the image content does not matter (the detector's cost depends on the number of rows, not on
 * their values). Seeded: the same seed gives the same vectors.
 */
public final class SyntheticProperties {
    private static final String[] KEYS = {"aspect_ratio", "area", "brightness", "rms_contrast",
            "mean_red_relative_intensity", "mean_green_relative_intensity", "mean_blue_relative_intensity"};

    private final Random random;

    public SyntheticProperties(long seed) {
        random = new Random(seed);
    }

    public double[] next() {
        return next(0);
    }

    /** A vector whose brightness is moved by {@code brightnessShift} levels (and nothing else). */
    public double[] next(double brightnessShift) {
        double w = 64 + random.nextInt(96);
        double h = 48 + random.nextInt(112);
        double r = 0.33 + 0.05 * random.nextGaussian();
        double g = 0.34 + 0.04 * random.nextGaussian();
        return new double[] {h / w, h * w, 110 + 25 * random.nextGaussian() + brightnessShift, 50 + 12 * random.nextGaussian(),
                r, g, 1 - r - g};
    }

    public ReferenceSnapshot reference(int rows) {
        List<SnapshotRow> list = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            list.add(new SnapshotRow("ref-" + i, next()));
        }
        return new ReferenceSnapshot(ReferenceSnapshot.FORMAT_VERSION, Instant.now().toString(), "synthetic",
                PropertySet.defaults().names(), rows, List.of(), rows, 42L, list);
    }

    /** A precomputed-properties event with the next vector, the JSON form edge devices send. */
    public byte[] event(String id, String stream, long time) {
        return event(id, stream, time, next());
    }

    /** A precomputed-properties event carrying {@code v} (the seven built-ins in order). */
    public static byte[] event(String id, String stream, long time, double[] v) {
        StringBuilder sb = new StringBuilder(320).append("{\"id\":\"").append(id).append("\",\"stream\":\"")
                .append(stream).append("\",\"timestamp\":").append(time).append(",\"properties\":{");
        for (int i = 0; i < KEYS.length; i++) {
            if (i > 0) sb.append(',');
            sb.append('"').append(KEYS[i]).append("\":").append(String.format(Locale.ROOT, "%.6f", v[i]));
        }
        return sb.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
