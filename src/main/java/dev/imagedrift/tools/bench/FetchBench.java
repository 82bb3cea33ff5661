package dev.imagedrift.tools.bench;

import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.fetch.FetchResult;
import dev.imagedrift.stream.DeadLetterReason;
import dev.imagedrift.stream.EventParser;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.stream.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events per second when every event names its image by URI and the image server takes a fixed
 * time to answer (an object store's latency), against the same images carried in the events
 * (the ceiling: decode and properties without fetching). A backlog is produced first, then the
 * monitor is timed from RUNNING until every event has passed both stages, as in
 * {@link ThroughputBench}. The events are stamped over the last few seconds before the run, in one
 * 24-hour window, so no window closes while timing and none is ahead of the clock.
 */
public final class FetchBench {
    /** How the events carry their images. */
    public enum Mode { URI, INLINE }

    public record Result(Mode mode, int events, int streams, int partitions, int threads, Duration responseTime,
                         double seconds, double eventsPerSecond, double sustainedPerSecond, int maxRequestsAtOnce,
                         long requests, double fetchMedianMs, double fetchP95Ms, String guarantee) {}

    private FetchBench() {}

    public static Result run(Mode mode, int events, int streams, int partitions, int threads, Duration responseTime,
                             Path images, PrintStream log) throws Exception {
        Path dir = Files.createTempDirectory("imagedrift-fetch-bench-");
        List<byte[]> jpegs = ThroughputBench.readImages(images);
        try (DelayedImageServer server = new DelayedImageServer(jpegs, responseTime);
             BenchEnvironment env = new BenchEnvironment(dir, partitions, threads, "{size: 24h, grace: 1h}", 0,
                     "fetch:\n  allowed-prefixes: [\"" + server.prefix() + "\"]\n")) {
            log.printf("producing %,d %s events on %d streams (image server: %d ms a response) ...%n", events,
                    mode == Mode.URI ? "imageUri" : "inline JPEG", streams, responseTime.toMillis());
            produce(env, mode, events, streams, jpegs, server.prefix());
            Progress progress = new Progress(events);
            try (Admin admin = env.admin(); MonitorRuntime monitor = env.startMonitor(progress)) {
                long start = System.nanoTime();
                log.println("monitor RUNNING; timing until every event is through both stages ...");
                while (!env.caughtUp(admin)) {
                    Thread.sleep(100);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!progress.deadLetters.isEmpty() || progress.processed.get() != events) {
                    throw new IllegalStateException("not a valid measurement: " + progress.processed.get() + " of "
                            + events + " events processed, dead letters " + progress.deadLetters);
                }
                return new Result(mode, events, streams, partitions, threads, responseTime, seconds, events / seconds,
                        progress.sustainedPerSecond(), server.maxInProgress(), server.served(),
                        progress.fetchMs(0.5), progress.fetchMs(0.95),
                        env.config.kafka().processingGuarantee() + ", commit every "
                                + StreamsSettings.from(env.config).getProperty("commit.interval.ms", "100") + " ms");
            }
        } finally {
            ThroughputBench.deleteTree(dir);
        }
    }

    /** Produces the backlog; a record the broker did not take makes the run invalid (it would be missed). */
    private static void produce(BenchEnvironment env, Mode mode, int events, int streams, List<byte[]> jpegs,
                                String prefix) {
        String topic = env.config.topics().events();
        long now = System.currentTimeMillis();
        AtomicLong failed = new AtomicLong();
        org.apache.kafka.clients.producer.Callback count = (metadata, e) -> {
            if (e != null) {
                failed.incrementAndGet();
            }
        };
        try (KafkaProducer<String, byte[]> p = env.producer()) {
            for (int i = 0; i < events; i++) {
                String stream = "stream-" + (i % streams);
                long time = now - 5_000 + 5_000L * i / events; // the last 5 s, oldest first
                if (mode == Mode.URI) {
                    String json = "{\"id\":\"e" + i + "\",\"stream\":\"" + stream + "\",\"timestamp\":" + time
                            + ",\"imageUri\":\"" + prefix + i + ".jpg\"}";
                    p.send(new ProducerRecord<>(topic, null, time, stream, json.getBytes(StandardCharsets.UTF_8)), count);
                } else {
                    RecordHeaders h = new RecordHeaders();
                    h.add(EventParser.ID_HEADER, ("e" + i).getBytes(StandardCharsets.UTF_8));
                    p.send(new ProducerRecord<>(topic, null, time, stream, jpegs.get(i % jpegs.size()), h), count);
                }
            }
            p.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException("not a valid measurement: the broker refused " + failed.get()
                    + " of the backlog's records (a loaded machine: try again, or fewer --events)");
        }
    }

    /** Counts processed events and dead letters; notes when extraction passes 20% and 90% of the events. */
    private static final class Progress implements MonitorListener {
        final AtomicLong processed = new AtomicLong();
        final Map<DeadLetterReason, Long> deadLetters = new ConcurrentHashMap<>();
        final java.util.Queue<Long> fetchNanos = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final long from;
        private final long to;
        private volatile long fromNanos;
        private volatile long toNanos;

        Progress(int events) {
            from = events / 5;
            to = events * 9L / 10;
        }

        @Override
        public void imageProcessed(String stream, long extractionNanos) {
            long n = processed.incrementAndGet();
            if (n == from) fromNanos = System.nanoTime();
            if (n == to) toNanos = System.nanoTime();
        }

        @Override
        public void imageFetched(FetchResult result) {
            fetchNanos.add(result.nanos());
        }

        /** A quantile of the fetch durations the monitor saw, in ms (NaN when nothing was fetched). */
        double fetchMs(double q) {
            long[] sorted = fetchNanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)] / 1e6;
        }

        @Override
        public void deadLettered(DeadLetterReason reason) {
            deadLetters.merge(reason, 1L, Long::sum);
        }

        double sustainedPerSecond() {
            return toNanos > fromNanos ? (to - from) / ((toNanos - fromNanos) / 1e9) : Double.NaN;
        }
    }
}
