package dev.imagedrift.tools.bench;

import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ReferenceSet;
import dev.imagedrift.stream.DeadLetterReason;
import dev.imagedrift.stream.DriftTopology;
import dev.imagedrift.stream.EventParser;
import dev.imagedrift.stream.JsonSerde;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.stream.ScoreRecord;
import dev.imagedrift.stream.StreamsSettings;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decode work and CPU per window against the events a stream sends per window, with sampling
 * before decoding: for each traffic level, a cold window (no previous count: the bound alone) and
 * the window after it (thinned by the cold window's count). Runs the monitor's real topology,
 * stores and decoder in this thread under Kafka's TopologyTestDriver, on 640x480 JPEG records:
 * a real broker cannot hold a million such images a window on one small machine, and the broker
 * path itself is what {@code bench throughput} measures. CPU is this thread's CPU time while the
 * window's events are taken in (the detector's run at the close is reported apart).
 */
public final class SamplingBench {
    /** One window of one run. */
    public record Point(int events, boolean cold, long decoded, long notDecoded, double cpuSeconds,
                        double wallSeconds, long counted, int sampled, long closeMillis) {}

    /** Every point, and the CPU one image costs when decoded and measured (for the "decode all" line). */
    public record Result(int k, List<Point> points, double cpuMsPerDecodedImage) {}

    private static final Duration WINDOW = Duration.ofHours(1);

    private SamplingBench() {}

    public static Result run(List<Integer> eventsPerWindow, int k, Path images, PrintWriter log) throws Exception {
        List<byte[]> jpegs = ThroughputBench.readImages(images);
        double perImage = PropertyOverheadBench.run(images, 8).decodeAndPropertiesMs();
        log.printf(Locale.ROOT, "decode + properties: %.2f ms CPU per image (%s)%n", perImage, images);
        List<Point> points = new ArrayList<>();
        for (int n : eventsPerWindow) {
            Path dir = Files.createTempDirectory("imagedrift-sampling-");
            try {
                points.addAll(runOne(n, k, jpegs, dir, log));
            } finally {
                ThroughputBench.deleteTree(dir);
            }
        }
        return new Result(k, points, perImage);
    }

    private static List<Point> runOne(int n, int k, List<byte[]> jpegs, Path dir, PrintWriter log) throws Exception {
        Path file = dir.resolve("sampling.yaml");
        Files.writeString(file, """
                kafka: {application-id: imagedrift-sampling-bench, state-dir: %s}
                window: {size: %dms, grace: 1m, max-samples: %d}
                """.formatted(dir.resolve("state"), WINDOW.toMillis(), k));
        MonitorConfig config = ConfigLoader.load(file, System.getenv());
        PropertySet properties = PropertySet.defaults();
        ReferenceSet references = ReferenceSet.global(new SyntheticProperties(7).reference(10_000).toSamples(),
                "synthetic");
        Counting listener = new Counting();
        java.util.Properties props = StreamsSettings.from(config);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // Windows three hours back: far from the clock-skew bound, and closed only by the final tick.
        long first = (System.currentTimeMillis() / WINDOW.toMillis() - 3) * WINDOW.toMillis();
        List<Point> points = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(DriftTopology.build(config, properties, references,
                Detectors.create(config.detection().detectorSettings()), listener, Clock.systemUTC()), props)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(config.topics().events(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<String, ScoreRecord> scores = driver.createOutputTopic(config.topics().scores(),
                    new StringDeserializer(), new JsonSerde<>(ScoreRecord.class).deserializer());
            long[][] taken = new long[2][];
            for (int w = 0; w < 2; w++) {
                taken[w] = window(in, listener, jpegs, n, first + w * WINDOW.toMillis());
                log.printf(Locale.ROOT, "  %,d events, %s window: %,d decoded in %.1f s CPU%n", n,
                        w == 0 ? "cold" : "next", taken[w][0], taken[w][2] / 1e9);
            }
            long closeStart = System.nanoTime();
            // Another stream's tick closes "cam"'s windows on the partition's time less the clock-skew
            // bound (streams close on their own time; see StreamClocks), so it lies that much further on.
            pipe(in, "tick", jpegs.get(0), "tick", first + 2 * WINDOW.toMillis() + config.window().grace().toMillis()
                    + config.window().maxClockSkew().toMillis());
            List<ScoreRecord> records = new ArrayList<>(cam(scores));
            // Closing is bounded per call (a time budget): what the tick leaves, the monitor's wall-clock
            // punctuator finishes, and the test driver runs it only when its wall clock moves.
            for (int i = 0; i < 10 && records.size() < 2; i++) {
                driver.advanceWallClockTime(Duration.ofMinutes(1));
                records.addAll(cam(scores));
            }
            long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
            if (records.size() != 2 || listener.deadLetters.get() > 0) {
                throw new InvalidMeasurement("bench sampling: " + records.size() + " windows scored of 2, "
                        + listener.deadLetters.get() + " dead letters");
            }
            for (int w = 0; w < 2; w++) {
                ScoreRecord s = records.get(w);
                if (s.eventsCounted() != n || s.nCurrent() != Math.min(n, k)) {
                    throw new InvalidMeasurement("bench sampling: window " + w + " counted " + s.eventsCounted()
                            + " of " + n + " events and sampled " + s.nCurrent() + " of " + Math.min(n, k));
                }
                points.add(new Point(n, w == 0, taken[w][0], taken[w][1], taken[w][2] / 1e9, taken[w][3] / 1e9,
                        s.eventsCounted(), s.nCurrent(), closeMillis / 2));
            }
        }
        return points;
    }

    private static List<ScoreRecord> cam(TestOutputTopic<String, ScoreRecord> scores) {
        return scores.readValuesToList().stream().filter(s -> s.stream().equals("cam")).toList();
    }

    /** Pipes one window's events; returns {decoded, not decoded, CPU ns, wall ns}. */
    private static long[] window(TestInputTopic<byte[], byte[]> in, Counting listener, List<byte[]> jpegs, int n,
                                 long start) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long decoded0 = listener.decoded.get();
        long skipped0 = listener.notDecoded.get();
        long cpu0 = cpu.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long span = WINDOW.toMillis() - 1;
        for (int i = 0; i < n; i++) {
            pipe(in, "cam", jpegs.get(i % jpegs.size()), "e" + start + "-" + i, start + span * i / n);
        }
        return new long[] {listener.decoded.get() - decoded0, listener.notDecoded.get() - skipped0,
                cpu.getCurrentThreadCpuTime() - cpu0, System.nanoTime() - wall0};
    }

    private static void pipe(TestInputTopic<byte[], byte[]> in, String stream, byte[] jpeg, String id, long time) {
        RecordHeaders h = new RecordHeaders();
        h.add(EventParser.ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
        in.pipeInput(new TestRecord<>(stream.getBytes(StandardCharsets.UTF_8), jpeg, h, time));
    }

    /** The plot: decodes per window over k, and CPU per window, against events per window. */
    static void plot(Result r, Path file) throws Exception {
        List<Point> cold = r.points().stream().filter(Point::cold).toList();
        List<Point> next = r.points().stream().filter(p -> !p.cold()).toList();
        double[] n = cold.stream().mapToDouble(Point::events).toArray();
        double k = r.k();
        double[] modelCold = java.util.Arrays.stream(n).map(x -> Math.min(x, k * (1 + Math.log(Math.max(1, x / k)))) / k)
                .toArray();
        double[] modelNext = java.util.Arrays.stream(n).map(x -> x <= 2 * k ? modelColdAt(x, k)
                : (1 + Math.log(dev.imagedrift.window.DecodeCap.HEADROOM))).toArray();
        double[] all = java.util.Arrays.stream(n).map(x -> x / k).toArray();
        var decodes = BenchCharts.chart("Decodes per window, in units of the sample size k = " + r.k(),
                "measured; dashed: k(1 + ln(n/k)) cold, k(1 + ln 2) once the previous window's count is known",
                new BenchCharts.Axis("events per window (n)", true), new BenchCharts.Axis("decodes / k", true), List.of(
                        new BenchCharts.Line("cold window (no previous count)", n,
                                cold.stream().mapToDouble(p -> p.decoded() / k).toArray(), false),
                        new BenchCharts.Line("next window (thinned by the previous count)", n,
                                next.stream().mapToDouble(p -> p.decoded() / k).toArray(), false),
                        new BenchCharts.Line("decode every event (before)", n, all, true),
                        new BenchCharts.Line("k(1 + ln(n/k))", n, modelCold, true),
                        new BenchCharts.Line("k(1 + ln 2)", n, modelNext, true)));
        var cpu = BenchCharts.chart("CPU seconds per window (one thread)",
                String.format(Locale.ROOT, "dashed: every event decoded and measured at %.2f ms each",
                        r.cpuMsPerDecodedImage()),
                new BenchCharts.Axis("events per window (n)", true), new BenchCharts.Axis("CPU seconds", true), List.of(
                        new BenchCharts.Line("cold window", n, cold.stream().mapToDouble(Point::cpuSeconds).toArray(),
                                false),
                        new BenchCharts.Line("next window", n, next.stream().mapToDouble(Point::cpuSeconds).toArray(),
                                false),
                        new BenchCharts.Line("decode every event (before)", n,
                                java.util.Arrays.stream(n).map(x -> x * r.cpuMsPerDecodedImage() / 1000).toArray(),
                                true)));
        BenchCharts.write(file, 640, 460, decodes, cpu);
    }

    private static double modelColdAt(double n, double k) {
        return Math.min(n, k * (1 + Math.log(Math.max(1, n / k)))) / k;
    }

    /** Counts what the extraction stage did. */
    private static final class Counting implements MonitorListener {
        final AtomicLong decoded = new AtomicLong();
        final AtomicLong notDecoded = new AtomicLong();
        final AtomicLong deadLetters = new AtomicLong();

        @Override
        public void imageProcessed(String stream, long extractionNanos) {
            decoded.incrementAndGet();
        }

        @Override
        public void imageNotDecoded(String stream) {
            notDecoded.incrementAndGet();
        }

        @Override
        public void deadLettered(DeadLetterReason reason) {
            deadLetters.incrementAndGet();
        }
    }

}
