package dev.imagedrift.tools.bench;

import dev.imagedrift.config.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench}: load measurements of the streaming monitor against a real (embedded) broker. The
 * figures in docs/BENCHMARKS.md come from these commands; run them on a quiet machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the streaming monitor against an embedded broker: throughput, latency, memory.",
        subcommands = {BenchCommand.Properties.class, BenchCommand.Throughput.class, BenchCommand.Latency.class,
                BenchCommand.Memory.class, BenchCommand.Fetch.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** What the properties add to decoding. */
    @Command(name = "properties", mixinStandardHelpOptions = true,
            description = "CPU time per image of decode alone, decode + the seven properties, and properties alone (one thread).")
    static final class Properties implements Callable<Integer> {
        @Option(names = "--images", defaultValue = "samples/bench640", description = "JPEGs (default: ${DEFAULT-VALUE}).")
        Path images;
        @Option(names = "--rounds", defaultValue = "30", description = "Paired rounds (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() throws Exception {
            dev.imagedrift.tools.bench.PropertyOverheadBench.Result r =
                    dev.imagedrift.tools.bench.PropertyOverheadBench.run(images, rounds);
            System.out.printf(Locale.ROOT, "%d images x %d rounds, CPU ms per image (median): decode %.2f (%.0f/s), "
                    + "decode + properties %.2f (%.0f/s), properties alone %.2f; the properties add %.1f%% to decoding%n",
                    r.images(), r.rounds(), r.decodeMs(), 1000 / r.decodeMs(), r.decodeAndPropertiesMs(),
                    1000 / r.decodeAndPropertiesMs(), r.propertiesOnlyMs(), r.overheadPercent());
            return 0;
        }
    }

    /** Sustained events per second. */
    @Command(name = "throughput", mixinStandardHelpOptions = true,
            description = "Events per second through both stages, from a backlog (windows do not close while timed).")
    static final class Throughput implements Callable<Integer> {
        @Option(names = "--kind", defaultValue = "precomputed", description = "precomputed or jpeg (default: ${DEFAULT-VALUE}).")
        String kind;
        @Option(names = "--events", defaultValue = "400000", description = "Events in the backlog (default: ${DEFAULT-VALUE}).")
        int events;
        @Option(names = "--streams", defaultValue = "10", description = "Streams the events are spread over (default: ${DEFAULT-VALUE}).")
        int streams;
        @Option(names = "--partitions", defaultValue = "2", description = "Input topic partitions (default: ${DEFAULT-VALUE}).")
        int partitions;
        @Option(names = "--threads", defaultValue = "2", description = "Stream threads (default: ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--images", defaultValue = "samples/bench640", description = "JPEGs for --kind jpeg (default: ${DEFAULT-VALUE}).")
        Path images;

        @Override
        public Integer call() throws Exception {
            ThroughputBench.Kind k = ThroughputBench.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            ThroughputBench.Result r = ThroughputBench.run(k, events, streams, partitions, threads, images, System.out);
            System.out.printf(Locale.ROOT, "%s: %,d events in %.1f s = %,.0f events/s overall, %,.0f events/s sustained "
                    + "(20%%-90%% of the events) (%d streams, %d partitions, %d stream threads, %s)%n", kind, r.events(),
                    r.seconds(), r.eventsPerSecond(), r.sustainedPerSecond(), r.streams(), r.partitions(), r.threads(),
                    r.guarantee());
            if (r.extractorOnlyPerSecond() != null) {
                System.out.printf(Locale.ROOT, "decode + properties alone on %d threads: %,.0f images/s; "
                        + "the stream sustains %.0f%% of it%n", threads, r.extractorOnlyPerSecond(),
                        100 * r.sustainedPerSecond() / r.extractorOnlyPerSecond());
            }
            return 0;
        }
    }

    /** Window close to score record. */
    @Command(name = "latency", mixinStandardHelpOptions = true,
            description = "Time from a window's close (end + grace) to its score record, with full reservoirs.")
    static final class Latency implements Callable<Integer> {
        @Option(names = "--streams", defaultValue = "1", description = "Streams (default: ${DEFAULT-VALUE}).")
        int streams;
        @Option(names = "--rate", defaultValue = "1500", description = "Events per second per stream (default: ${DEFAULT-VALUE}).")
        int rate;
        @Option(names = "--window", defaultValue = "10s", description = "Window length (default: ${DEFAULT-VALUE}).")
        String window;
        @Option(names = "--grace", defaultValue = "1s", description = "Grace (default: ${DEFAULT-VALUE}).")
        String grace;
        @Option(names = "--windows", defaultValue = "10", description = "Windows to measure (default: ${DEFAULT-VALUE}).")
        int windows;

        @Override
        public Integer call() throws Exception {
            LatencyBench.Result r = LatencyBench.run(streams, rate, Durations.parse(window), Durations.parse(grace),
                    windows, System.out);
            System.out.printf(Locale.ROOT, "%d windows (>= %,d samples each vs 10,000 reference rows): close -> score "
                    + "record median %d ms, p99 %d ms, max %d ms; detector alone %s ms%n", r.latenciesMs().size(),
                    r.minSamplesPerWindow(), r.medianMs(), r.p99Ms(), r.maxMs(), r.detectionMs());
            return 0;
        }
    }

    /** Memory with many full reservoirs. */
    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = "Memory of a monitor process holding full reservoirs for many streams.")
    static final class Memory implements Callable<Integer> {
        @Option(names = "--streams", defaultValue = "100", description = "Streams (default: ${DEFAULT-VALUE}).")
        int streams;
        @Option(names = "--samples", defaultValue = "10000", description = "Samples per stream = window.max-samples (default: ${DEFAULT-VALUE}).")
        int samples;
        @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of the monitor process (default: ${DEFAULT-VALUE}).")
        String heap;

        @Override
        public Integer call() throws Exception {
            MemoryBench.Result r = MemoryBench.run(streams, samples, heap, System.out);
            System.out.printf(Locale.ROOT, "%d streams x %,d samples (-Xmx%s): RSS %.0f MiB (peak %.0f MiB), heap "
                    + "after GC %.0f MiB, state on disk %.0f MiB; ingested in %.0f s%n", r.streams(),
                    r.samplesPerStream(), r.maxHeap(), r.rssBytes() / 1048576.0, r.peakRssBytes() / 1048576.0,
                    r.heapUsedAfterGcBytes() / 1048576.0, r.stateOnDiskBytes() / 1048576.0, r.secondsToIngest());
            return 0;
        }
    }

    /** Events per second when the images are fetched by URI from a server with a fixed response time. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Events per second with images by URI from an in-process HTTP server that answers after "
                    + "--response-time, and with the same images inline (the ceiling), from a backlog.")
    static final class Fetch implements Callable<Integer> {
        @Option(names = "--events", defaultValue = "6000", description = "Events in each backlog (default: ${DEFAULT-VALUE}).")
        int events;
        @Option(names = "--response-time", defaultValue = "20ms", description = "The image server's time to answer (default: ${DEFAULT-VALUE}).")
        String responseTime;
        @Option(names = "--streams", defaultValue = "10", description = "Streams the events are spread over (default: ${DEFAULT-VALUE}).")
        int streams;
        @Option(names = "--partitions", defaultValue = "2", description = "Input topic partitions (default: ${DEFAULT-VALUE}).")
        int partitions;
        @Option(names = "--threads", defaultValue = "2", description = "Stream threads (default: ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--images", defaultValue = "samples/bench640", description = "JPEGs (default: ${DEFAULT-VALUE}).")
        Path images;
        @Option(names = "--mode", defaultValue = "both", description = "uri, inline or both (default: ${DEFAULT-VALUE}).")
        String mode;

        @Override
        public Integer call() throws Exception {
            Duration wait = Durations.parse(responseTime);
            List<FetchBench.Mode> modes = mode.equalsIgnoreCase("both") ? List.of(FetchBench.Mode.URI, FetchBench.Mode.INLINE)
                    : List.of(FetchBench.Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
            for (FetchBench.Mode m : modes) {
                FetchBench.Result r = FetchBench.run(m, events, streams, partitions, threads, wait, images, System.out);
                System.out.printf(Locale.ROOT, "%s: %,d events in %.1f s = %,.0f events/s overall, %,.0f events/s "
                        + "sustained (20%%-90%% of the events)%s (%d streams, %d partitions, %d stream threads, %s)%n",
                        m.name().toLowerCase(Locale.ROOT), r.events(), r.seconds(), r.eventsPerSecond(),
                        r.sustainedPerSecond(), m == FetchBench.Mode.URI ? String.format(Locale.ROOT,
                                "; image server %d ms a response, %,d requests, at most %d at once; fetch as the "
                                        + "monitor saw it: median %.0f ms, p95 %.0f ms",
                                wait.toMillis(), r.requests(), r.maxRequestsAtOnce(), r.fetchMedianMs(),
                                r.fetchP95Ms()) : "",
                        r.streams(), r.partitions(), r.threads(), r.guarantee());
            }
            return 0;
        }
    }
}
