package dev.imagedrift.tools.bench;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.properties.PropertySet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the seven properties add to decoding, measured as paired CPU time on one thread: rounds
 * alternate a pass of decode-only and a pass of decode + properties over the same JPEGs, so slow
 * and fast moments of a shared machine hit both alike; medians over the rounds. (JMH's separate
 * runs of each benchmark drifted apart by more than the difference on this VM.)
 */
public final class PropertyOverheadBench {
    /** Medians over the rounds, milliseconds of CPU time per image. */
    public record Result(int images, int rounds, double decodeMs, double decodeAndPropertiesMs,
                         double propertiesOnlyMs) {
        public double overheadPercent() {
            return 100 * (decodeAndPropertiesMs - decodeMs) / decodeMs;
        }
    }

    private PropertyOverheadBench() {}

    public static Result run(Path images, int rounds) throws Exception {
        List<byte[]> jpegs = ThroughputBench.readImages(images);
        ImageDecoder decoder = ImageDecoder.withDefaults();
        PropertySet properties = PropertySet.defaults();
        DecodedImage[] decoded = new DecodedImage[jpegs.size()];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = decoder.decode(jpegs.get(i), "bench-" + i);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int warm = 0; warm < 30; warm++) { // JIT warm-up of every path
            for (int i = 0; i < jpegs.size(); i++) {
                sink += properties.compute(decoder.decode(jpegs.get(i), "warm"))[2] + decoded[i].width();
                sink += properties.compute(decoded[i])[3];
            }
        }
        double[] decode = new double[rounds];
        double[] both = new double[rounds];
        double[] only = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (byte[] jpeg : jpegs) {
                sink += decoder.decode(jpeg, "bench").width();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (byte[] jpeg : jpegs) {
                sink += properties.compute(decoder.decode(jpeg, "bench"))[2];
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            for (DecodedImage image : decoded) {
                sink += properties.compute(image)[2];
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            decode[r] = (t1 - t0) / 1e6 / jpegs.size();
            both[r] = (t2 - t1) / 1e6 / jpegs.size();
            only[r] = (t3 - t2) / 1e6 / jpegs.size();
        }
        if (sink == 42) System.out.print(""); // keep the work observable to the JIT
        return new Result(jpegs.size(), rounds, median(decode), median(both), median(only));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
