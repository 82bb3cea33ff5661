package dev.imagedrift.tools.bench;

import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.SnapshotOptions;
import dev.imagedrift.stream.EventParser;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.stream.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Sustained events per second through a real broker: a backlog of events is produced first, then
 * the monitor is started and timed from RUNNING until every event has passed both stages (input
 * and repartition offsets committed). Windows are an hour long, so no window closes while timing:
 * this measures the per-event path (parse, decode, properties, repartition, reservoir update,
 * exactly-once commits), the part that grows with traffic.
 */
public final class ThroughputBench {
    /**
     * The sustained span, as shares of the events: the second half, once the JIT has compiled the hot
     * paths of the monitor, the Kafka clients and the in-process broker, and before the backlog drains.
     */
    static final double SUSTAINED_FROM = 0.5;
    static final double SUSTAINED_TO = 0.95;
    /** Window length of the run: long enough that no window closes while timing (see {@link BacklogClock}). */
    static final java.time.Duration WINDOW = java.time.Duration.ofHours(1);

    /** What the events carry. */
    public enum Kind { PRECOMPUTED, JPEG }

    /**
     * One measurement. {@code eventsPerSecond}: every event through both stages, from RUNNING to
     * the last commit (start-up and JIT warm-up included). {@code sustainedPerSecond}: the rate of
     * the extraction stage over the sustained span ({@link #SUSTAINED_FROM} to {@link #SUSTAINED_TO} of
     * the events), and the CPU per event over the same span: of the monitor's own threads, and of the
     * whole process (with the in-process broker, GC and JIT).
     */
    public record Result(Kind kind, int events, int streams, int partitions, int threads, double seconds,
                         double eventsPerSecond, double sustainedPerSecond, Double extractorOnlyPerSecond,
                         String guarantee, int maxSamples, long notDecoded, double monitorCpuMsPerEvent,
                         double processCpuMsPerEvent, Double extractorOnlyProcessCpuMs) {
        /**
         * Decoding alone's whole-process CPU per image over the stream's per event: what the stream would
         * sustain of decoding alone if CPU were all it lacked. Steadier than the rates on a shared machine.
         */
        public Double cpuRatio() {
            return extractorOnlyProcessCpuMs == null ? null : extractorOnlyProcessCpuMs / processCpuMsPerEvent;
        }
    }

    private ThroughputBench() {}

    /**
     * @param maxSamples window.max-samples; null = enough for every event of a stream, so that every
     *                   image is decoded (what the ratio to the extractor alone needs)
     */
    public static Result run(Kind kind, int events, int streams, int partitions, int threads, Path images,
                             Integer maxSamples, PrintWriter log) throws Exception {
        return run(kind, events, streams, partitions, threads, images, maxSamples, 0, log);
    }

    /**
     * @param poisonEvery 0 for a clean backlog; n: every n-th record is a hostile one ({@link PoisonRecords}),
     *                    so {@code events} good records come with events / (n - 1) poison ones, each of which
     *                    must reach the dead-letter topic with its own reason. The rates count good events.
     */
    public static Result run(Kind kind, int events, int streams, int partitions, int threads, Path images,
                             Integer maxSamples, int poisonEvery, PrintWriter log) throws Exception {
        if (poisonEvery == 1 || poisonEvery < 0) {
            throw new IllegalArgumentException("poison every n-th record: n must be 0 (none) or at least 2");
        }
        Path dir = Files.createTempDirectory("imagedrift-bench-");
        List<byte[]> jpegs = kind == Kind.JPEG ? readImages(images) : List.of();
        boolean decodeAll = maxSamples == null;
        int samples = decodeAll ? Math.max(SnapshotOptions.DEFAULT_MAX_SAMPLES, (events + streams - 1) / streams)
                : maxSamples;
        try (BenchEnvironment env = new BenchEnvironment(dir, partitions, threads,
                "{size: " + WINDOW.toMillis() + "ms, grace: 1m, max-samples: " + samples + "}", 0)) {
            BacklogClock clock = new BacklogClock(WINDOW.toMillis(), System.currentTimeMillis());
            log.printf("producing %,d %s events on %d streams ...%n", events, kind.name().toLowerCase(), streams);
            long poison = produce(env, kind, events, streams, clock, jpegs, poisonEvery);
            ProgressClock progress = new ProgressClock(events, env.config.kafka().applicationId());
            try (Admin admin = env.admin(); MonitorRuntime monitor = env.startMonitor(progress)) {
                long start = System.nanoTime();
                long startEpochMs = System.currentTimeMillis();
                log.println("monitor RUNNING; timing until every event is through both stages ...");
                while (!env.caughtUp(admin)) {
                    Thread.sleep(100);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                // For scripts/profile-stream.sh, which looks only at this span of a flight recording.
                log.printf("streaming phase: %d .. %d epoch ms%n", startEpochMs, System.currentTimeMillis());
                // Reports reach listeners once their commit succeeded (CommitGate): the last commit's a
                // moment after the offsets say everything is through.
                long reportsDeadline = System.nanoTime() + 30_000_000_000L;
                while (progress.seen() < events && System.nanoTime() < reportsDeadline) {
                    Thread.sleep(50);
                }
                DeadLetterAudit.read(env.broker.bootstrapServers(), env.config.topics().deadLetter())
                        .requireExactly("bench throughput", PoisonRecords.expectedReasons(poison));
                double sustained = progress.sustainedPerSecond();
                if (!(sustained > 0)) {
                    throw new InvalidMeasurement("bench throughput: the extraction stage never crossed the sustained span of "
                            + events + " events (" + progress.seen() + " seen)");
                }
                if (decodeAll && progress.notDecoded() > 0) {
                    throw new InvalidMeasurement("bench throughput: " + progress.notDecoded() + " images were not "
                            + "decoded; the figure would not be the decode-everything rate it claims");
                }
                ExtractorAlone extractor = kind == Kind.JPEG
                        ? extractorOnly(jpegs, Math.min(events, 10_000), threads) : null;
                return new Result(kind, events, streams, partitions, threads, seconds, events / seconds,
                        sustained, extractor == null ? null : extractor.perSecond(),
                        env.config.kafka().processingGuarantee()
                        + ", commit every " + StreamsSettings.from(env.config).getProperty("commit.interval.ms", "100")
                        + " ms", samples, progress.notDecoded(), progress.cpuMsPerEvent(true), progress.cpuMsPerEvent(false),
                        extractor == null ? null : extractor.processCpuMsPerImage());
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Produces the backlog; returns how many poison records it mixed in. */
    private static long produce(BenchEnvironment env, Kind kind, int events, int streams, BacklogClock clock,
                                List<byte[]> jpegs, int poisonEvery) {
        SyntheticProperties synthetic = new SyntheticProperties(11);
        String topic = env.config.topics().events();
        long poison = 0;
        try (KafkaProducer<String, byte[]> p = env.producer()) {
            for (int i = 0; i < events; i++) {
                String stream = "stream-" + (i % streams);
                long time = clock.time(i, events);
                if (poisonEvery > 0 && i % (poisonEvery - 1) == 0) {
                    PoisonRecords.Kind k = PoisonRecords.kind(poison);
                    RecordHeaders h = new RecordHeaders();
                    h.add(EventParser.ID_HEADER, ("p" + poison).getBytes(StandardCharsets.UTF_8));
                    p.send(new ProducerRecord<>(topic, null, time, stream, PoisonRecords.value(k, poison), h));
                    poison++;
                }
                if (kind == Kind.PRECOMPUTED) {
                    p.send(new ProducerRecord<>(topic, null, time, stream, synthetic.event("e" + i, stream, time)));
                } else {
                    RecordHeaders h = new RecordHeaders();
                    h.add(EventParser.ID_HEADER, ("e" + i).getBytes(StandardCharsets.UTF_8));
                    p.send(new ProducerRecord<>(topic, null, time, stream, jpegs.get(i % jpegs.size()), h));
                }
            }
            p.flush();
        }
        return poison;
    }

    /** Notes when the extraction stage enters and leaves the sustained span, and the CPU used in between. */
    private static final class ProgressClock implements MonitorListener {
        private final java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong notDecoded = new java.util.concurrent.atomic.AtomicLong();
        private final String monitorThreads;
        private final long from;
        private final long to;
        private volatile long fromNanos;
        private volatile long toNanos;
        private volatile ThreadCpu cpuFrom;
        private volatile ThreadCpu.Used cpuUsed;

        ProgressClock(int events, String monitorThreads) {
            this.monitorThreads = monitorThreads;
            from = (long) (events * SUSTAINED_FROM);
            to = (long) (events * SUSTAINED_TO);
        }

        @Override
        public void imageNotDecoded(String stream) {
            notDecoded.incrementAndGet();
            passed();
        }

        @Override
        public void imageProcessed(String stream, long extractionNanos) {
            passed();
        }

        private void passed() {
            long n = seen.incrementAndGet();
            if (n == from) {
                fromNanos = System.nanoTime();
                cpuFrom = new ThreadCpu(monitorThreads);
            }
            if (n == to) {
                toNanos = System.nanoTime();
                cpuUsed = cpuFrom == null ? null : cpuFrom.used();
            }
        }

        long seen() {
            return seen.get();
        }

        long notDecoded() {
            return notDecoded.get();
        }

        double sustainedPerSecond() {
            return toNanos > fromNanos ? (to - from) / ((toNanos - fromNanos) / 1e9) : Double.NaN;
        }

        /** CPU ms per event over the span: of the monitor's threads, or of the whole process. */
        double cpuMsPerEvent(boolean monitorOnly) {
            if (cpuUsed == null) return Double.NaN;
            return 1000 * (monitorOnly ? cpuUsed.markedSeconds() : cpuUsed.processSeconds()) / (to - from);
        }
    }

    /** Decode + properties alone: images per second, and the whole process's CPU per image meanwhile (GC included). */
    record ExtractorAlone(double perSecond, double processCpuMsPerImage) {}

    /** Decode + properties alone on the same images and thread count: the ceiling the stream is compared with. */
    static ExtractorAlone extractorOnly(List<byte[]> jpegs, int count, int threads) throws Exception {
        ImageDecoder decoder = ImageDecoder.withDefaults();
        PropertySet properties = PropertySet.defaults();
        for (int i = 0; i < 200; i++) { // warm up the JIT like the stream's first events do
            properties.compute(decoder.decode(jpegs.get(i % jpegs.size()), "warm-up"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            ThreadCpu cpu = new ThreadCpu("\u0000"); // no thread is marked: the process figure only
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        DecodedImage img = decoder.decode(jpegs.get(i % jpegs.size()), "bench");
                        properties.compute(img);
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new ExtractorAlone(count / seconds, 1000 * cpu.used().processSeconds() / count);
        } finally {
            pool.shutdownNow();
        }
    }

    static List<byte[]> readImages(Path dir) throws Exception {
        List<byte[]> list = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (f.toString().toLowerCase().endsWith(".jpg")) {
                    list.add(Files.readAllBytes(f));
                }
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no .jpg images in " + dir);
        }
        return list;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // temp files left behind are harmless
        }
    }

    /** Sustained throughput against stream threads: JPEG (with decoding alone) and precomputed events. */
    static void plotThreads(List<Result> jpeg, List<Result> precomputed, Path file) throws java.io.IOException {
        double[] threads = jpeg.stream().mapToDouble(Result::threads).toArray();
        var images = BenchCharts.chart("640x480 JPEG events", "sustained rate through a real broker, exactly-once",
                new BenchCharts.Axis("stream threads", false), new BenchCharts.Axis("events per second", false), List.of(
                        new BenchCharts.Line("through the monitor", threads,
                                jpeg.stream().mapToDouble(Result::sustainedPerSecond).toArray(), false),
                        new BenchCharts.Line("decode + properties alone, as many threads", threads,
                                jpeg.stream().mapToDouble(Result::extractorOnlyPerSecond).toArray(), false)));
        var values = BenchCharts.chart("Precomputed-property events", "sustained rate through a real broker, exactly-once",
                new BenchCharts.Axis("stream threads", false), new BenchCharts.Axis("events per second", false), List.of(
                        new BenchCharts.Line("through the monitor", threads,
                                precomputed.stream().mapToDouble(Result::sustainedPerSecond).toArray(), false)));
        BenchCharts.write(file, 560, 420, images, values);
    }
}
