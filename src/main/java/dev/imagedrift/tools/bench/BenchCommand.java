package dev.imagedrift.tools.bench;

import dev.imagedrift.config.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.imagedrift.reference.SnapshotOptions;

import java.io.PrintWriter;
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
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a valid measurement (printed)",
                "1:an invalid measurement (events dead-lettered or late, a phase not completed): no figure",
                "2:usage error"},
        subcommands = {BenchCommand.Properties.class, BenchCommand.Throughput.class, BenchCommand.Latency.class,
                BenchCommand.Memory.class, BenchCommand.Sampling.class, BenchCommand.Threads.class,
                BenchCommand.Fetch.class, BenchCommand.Poison.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Exit code of a run that did not measure what it says ({@link InvalidMeasurement}). */
    public static final int INVALID = 1;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A measurement that prints its figures, or fails loudly and prints none. */
    @FunctionalInterface
    interface Measurement {
        void run() throws Exception;
    }

    static int measure(CommandSpec spec, Measurement m) throws Exception {
        try {
            m.run();
            return 0;
        } catch (InvalidMeasurement e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("INVALID MEASUREMENT: " + e.getMessage());
            err.flush();
            return INVALID;
        }
    }

    /** What the properties add to decoding. */
    @Command(name = "properties", mixinStandardHelpOptions = true,
            description = "CPU time per image of decode alone, decode + the seven properties, and properties alone (one thread).")
    static final class Properties implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--images", defaultValue = "samples/bench640", description = "JPEGs (default: ${DEFAULT-VALUE}).")
        Path images;
        @Option(names = "--rounds", defaultValue = "30", description = "Paired rounds (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() throws Exception {
            return measure(spec, this::measureAndPrint);
        }

        private void measureAndPrint() throws Exception {
            dev.imagedrift.tools.bench.PropertyOverheadBench.Result r =
                    dev.imagedrift.tools.bench.PropertyOverheadBench.run(images, rounds);
            spec.commandLine().getOut().printf(Locale.ROOT, "%d images x %d rounds, CPU ms per image (median): decode %.2f (%.0f/s), "
                    + "decode + properties %.2f (%.0f/s), properties alone %.2f; the properties add %.1f%% to decoding%n",
                    r.images(), r.rounds(), r.decodeMs(), 1000 / r.decodeMs(), r.decodeAndPropertiesMs(),
                    1000 / r.decodeAndPropertiesMs(), r.propertiesOnlyMs(), r.overheadPercent());
        }
    }

    /** Sustained events per second. */
    @Command(name = "throughput", mixinStandardHelpOptions = true,
            description = "Events per second through both stages, from a backlog (windows do not close while timed).")
    static final class Throughput implements Callable<Integer> {
        @Spec
        CommandSpec spec;
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
        @Option(names = "--max-samples", description = "window.max-samples (default: every event of a stream fits, "
                + "so every image is decoded; smaller: the sampled path, where most are only counted).")
        Integer maxSamples;

        @Override
        public Integer call() throws Exception {
            return measure(spec, this::measureAndPrint);
        }

        private void measureAndPrint() throws Exception {
            ThroughputBench.Kind k = ThroughputBench.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            ThroughputBench.Result r = ThroughputBench.run(k, events, streams, partitions, threads, images, maxSamples,
                    spec.commandLine().getOut());
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %,d events in %.1f s = %,.0f events/s overall, %,.0f events/s sustained "
                    + "(%.0f%%-%.0f%% of the events) (%d streams, %d partitions, %d stream threads, %s; max-samples %,d: "
                    + "%,d not decoded)%n", kind, r.events(),
                    r.seconds(), r.eventsPerSecond(), r.sustainedPerSecond(), 100 * ThroughputBench.SUSTAINED_FROM,
                    100 * ThroughputBench.SUSTAINED_TO, r.streams(), r.partitions(), r.threads(),
                    r.guarantee(), r.maxSamples(), r.notDecoded());
            spec.commandLine().getOut().printf(Locale.ROOT, "CPU per event, sustained span: monitor threads %.3f ms, whole "
                    + "process (with the in-process broker, GC, JIT) %.3f ms%s%n", r.monitorCpuMsPerEvent(),
                    r.processCpuMsPerEvent(), r.extractorOnlyProcessCpuMs() == null ? "" : String.format(Locale.ROOT,
                            "; decode + properties alone %.3f ms (whole process): CPU ratio %.0f%%",
                            r.extractorOnlyProcessCpuMs(), 100 * r.cpuRatio()));
            if (r.extractorOnlyPerSecond() != null) {
                spec.commandLine().getOut().printf(Locale.ROOT, "decode + properties alone on %d threads: %,.0f images/s; "
                        + "the stream sustains %.0f%% of it%n", threads, r.extractorOnlyPerSecond(),
                        100 * r.sustainedPerSecond() / r.extractorOnlyPerSecond());
            }
        }
    }

    /** Window close to score record. */
    @Command(name = "latency", mixinStandardHelpOptions = true,
            description = "Time from a window's close (end + grace) to its score record, with full reservoirs.")
    static final class Latency implements Callable<Integer> {
        @Spec
        CommandSpec spec;
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
            return measure(spec, this::measureAndPrint);
        }

        private void measureAndPrint() throws Exception {
            LatencyBench.Result r = LatencyBench.run(streams, rate, Durations.parse(window), Durations.parse(grace),
                    windows, spec.commandLine().getOut());
            spec.commandLine().getOut().printf(Locale.ROOT, "%d windows (>= %,d samples each vs 10,000 reference rows): close -> score "
                    + "record median %d ms, p99 %d ms, max %d ms; detector alone %s ms%n", r.latenciesMs().size(),
                    r.minSamplesPerWindow(), r.medianMs(), r.p99Ms(), r.maxMs(), r.detectionMs());
        }
    }

    /** Memory with many full reservoirs. */
    @Command(name = "memory", mixinStandardHelpOptions = true,
            description = "Memory of a monitor process holding full reservoirs for many streams.")
    static final class Memory implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--streams", split = ",", defaultValue = "100",
                description = "Streams; a list (1,10,100,1000) runs each and plots memory against it (default: ${DEFAULT-VALUE}).")
        List<Integer> streams;
        @Option(names = "--samples", defaultValue = "10000", description = "Samples per stream = window.max-samples (default: ${DEFAULT-VALUE}).")
        int samples;
        @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of the monitor process (default: ${DEFAULT-VALUE}).")
        String heap;
        @Option(names = "--out", defaultValue = "target/bench/memory.png",
                description = "The plot, when several stream counts are given (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            return measure(spec, this::measureAndPrint);
        }

        private void measureAndPrint() throws Exception {
            PrintWriter o = spec.commandLine().getOut();
            List<MemoryBench.Result> results = new java.util.ArrayList<>();
            for (int n : streams) {
                MemoryBench.Result r = MemoryBench.run(n, samples, heap, o);
                results.add(r);
                o.printf(Locale.ROOT, "%d streams x %,d samples (-Xmx%s): RSS %.0f MiB (peak %.0f MiB), heap "
                        + "after GC %.0f MiB, state on disk %.0f MiB; ingested in %.0f s%n", r.streams(),
                        r.samplesPerStream(), r.maxHeap(), r.rssBytes() / 1048576.0, r.peakRssBytes() / 1048576.0,
                        r.heapUsedAfterGcBytes() / 1048576.0, r.stateOnDiskBytes() / 1048576.0, r.secondsToIngest());
            }
            if (results.size() > 1) {
                MemoryBench.plot(results, out);
                o.printf("plot %s%n", out);
            }
        }
    }

    /** Decode work and CPU per window against traffic, with sampling before decoding. */
    @Command(name = "sampling", mixinStandardHelpOptions = true,
            description = {"Decodes and CPU per window against events per window (a cold window, and the one after "
                    + "it), through the real topology and decoder without a broker; writes a plot and a CSV."})
    static final class Sampling implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--events", split = ",", defaultValue = "10000,30000,100000,300000,1000000",
                description = "Events per window, one run each (default: ${DEFAULT-VALUE}).")
        List<Integer> events;
        @Option(names = "--max-samples", description = "window.max-samples, the sample size k (default: the "
                + "monitor's, " + SnapshotOptions.DEFAULT_MAX_SAMPLES + ").")
        int maxSamples = SnapshotOptions.DEFAULT_MAX_SAMPLES;
        @Option(names = "--images", defaultValue = "samples/bench640", description = "JPEGs (default: ${DEFAULT-VALUE}).")
        Path images;
        @Option(names = "--out", defaultValue = "target/bench/sampling.png",
                description = "The plot; a CSV is written beside it (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            return measure(spec, this::measureAndPrint);
        }

        private void measureAndPrint() throws Exception {
            PrintWriter o = spec.commandLine().getOut();
            SamplingBench.Result r = SamplingBench.run(events, maxSamples, images, o);
            StringBuilder csv = new StringBuilder("events,window,decoded,not_decoded,cpu_seconds,wall_seconds,"
                    + "decoded_over_k,close_millis\n");
            o.printf(Locale.ROOT, "%n%12s  %-5s  %9s  %8s  %10s  %12s  %12s%n", "events/window", "window", "decoded",
                    "decoded/k", "CPU s", "CPU s if all", "wall s");
            for (SamplingBench.Point p : r.points()) {
                String window = p.cold() ? "cold" : "next";
                o.printf(Locale.ROOT, "%,12d  %-5s  %,9d  %8.2f  %10.1f  %12.1f  %12.1f%n", p.events(), window,
                        p.decoded(), p.decoded() / (double) r.k(), p.cpuSeconds(),
                        p.events() * r.cpuMsPerDecodedImage() / 1000, p.wallSeconds());
                csv.append(String.format(Locale.ROOT, "%d,%s,%d,%d,%.3f,%.3f,%.4f,%d%n", p.events(), window,
                        p.decoded(), p.notDecoded(), p.cpuSeconds(), p.wallSeconds(), p.decoded() / (double) r.k(),
                        p.closeMillis()));
            }
            SamplingBench.plot(r, out);
            Path csvFile = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.png$", "") + ".csv");
            java.nio.file.Files.writeString(csvFile, csv);
            o.printf("k = %,d; plot %s, data %s%n", r.k(), out, csvFile);
        }
    }

    /** Throughput against stream threads. */
    @Command(name = "threads", mixinStandardHelpOptions = true,
            description = "Sustained throughput against the number of stream threads, for JPEG and precomputed events "
                    + "(a bench throughput run each), with JPEG decoding alone on as many threads; writes a plot.")
    static final class Threads implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Stream threads (default: ${DEFAULT-VALUE}).")
        List<Integer> threads;
        @Option(names = "--jpeg-events", defaultValue = "12000", description = "JPEG events a run (default: ${DEFAULT-VALUE}).")
        int jpegEvents;
        @Option(names = "--precomputed-events", defaultValue = "400000",
                description = "Precomputed events a run (default: ${DEFAULT-VALUE}).")
        int precomputedEvents;
        @Option(names = "--partitions", defaultValue = "2", description = "Input topic partitions (default: ${DEFAULT-VALUE}).")
        int partitions;
        @Option(names = "--images", defaultValue = "samples/bench640", description = "JPEGs (default: ${DEFAULT-VALUE}).")
        Path images;
        @Option(names = "--out", defaultValue = "target/bench/threads.png", description = "The plot (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            return measure(spec, this::measureAndPrint);
        }

        private void measureAndPrint() throws Exception {
            PrintWriter o = spec.commandLine().getOut();
            List<ThroughputBench.Result> jpeg = new java.util.ArrayList<>();
            List<ThroughputBench.Result> precomputed = new java.util.ArrayList<>();
            for (int t : threads) {
                jpeg.add(ThroughputBench.run(ThroughputBench.Kind.JPEG, jpegEvents, 10, partitions, t, images, null, o));
                precomputed.add(ThroughputBench.run(ThroughputBench.Kind.PRECOMPUTED, precomputedEvents, 10, partitions,
                        t, images, null, o));
            }
            o.printf("%n%8s  %14s  %14s  %6s  %18s%n", "threads", "JPEG events/s", "decode alone/s", "ratio",
                    "precomputed/s");
            for (int i = 0; i < threads.size(); i++) {
                ThroughputBench.Result j = jpeg.get(i);
                o.printf(Locale.ROOT, "%8d  %,14.0f  %,14.0f  %5.0f%%  %,18.0f%n", threads.get(i), j.sustainedPerSecond(),
                        j.extractorOnlyPerSecond(), 100 * j.sustainedPerSecond() / j.extractorOnlyPerSecond(),
                        precomputed.get(i).sustainedPerSecond());
            }
            ThroughputBench.plotThreads(jpeg, precomputed, out);
            o.printf("plot %s%n", out);
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

    /** What hostile records cost the good ones: the same good backlog, clean and with a share of poison. */
    @Command(name = "poison", mixinStandardHelpOptions = true,
            description = {"Good events per second from a clean backlog and from the same backlog with every n-th "
                    + "record hostile (cut JSON, not an image, a PNG declaring 60,000 x 60,000 pixels, in turn); "
                    + "fails unless every hostile record is dead-lettered with its own reason."})
    static final class Poison implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--kind", defaultValue = "jpeg", description = "precomputed or jpeg good events (default: ${DEFAULT-VALUE}).")
        String kind;
        @Option(names = "--events", defaultValue = "6000", description = "Good events in each backlog (default: ${DEFAULT-VALUE}).")
        int events;
        @Option(names = "--poison-every", defaultValue = "3",
                description = "Every n-th record is hostile: 3 = a third of the records (default: ${DEFAULT-VALUE}).")
        int poisonEvery;
        @Option(names = "--partitions", defaultValue = "2", description = "Input topic partitions (default: ${DEFAULT-VALUE}).")
        int partitions;
        @Option(names = "--threads", defaultValue = "2", description = "Stream threads (default: ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--images", defaultValue = "samples/bench640", description = "JPEGs (default: ${DEFAULT-VALUE}).")
        Path images;

        @Override
        public Integer call() throws Exception {
            return measure(spec, this::measureAndPrint);
        }

        private void measureAndPrint() throws Exception {
            PrintWriter o = spec.commandLine().getOut();
            ThroughputBench.Kind k = ThroughputBench.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            ThroughputBench.Result clean = ThroughputBench.run(k, events, 10, partitions, threads, images, null, 0, o);
            ThroughputBench.Result poisoned = ThroughputBench.run(k, events, 10, partitions, threads, images, null,
                    poisonEvery, o);
            o.printf(Locale.ROOT, "%s, %,d good events, %d partitions, %d stream threads; good events/s sustained "
                    + "(%.0f%%-%.0f%% of them), overall:%n", kind, events, partitions, threads,
                    100 * ThroughputBench.SUSTAINED_FROM, 100 * ThroughputBench.SUSTAINED_TO);
            o.printf(Locale.ROOT, "  clean backlog                     %,8.0f/s  %,8.0f/s%n", clean.sustainedPerSecond(),
                    clean.eventsPerSecond());
            o.printf(Locale.ROOT, "  1 record in %d hostile (%,d)        %,8.0f/s  %,8.0f/s   every one dead-lettered with its reason%n",
                    poisonEvery, (events + poisonEvery - 2) / (poisonEvery - 1), poisoned.sustainedPerSecond(),
                    poisoned.eventsPerSecond());
            o.printf(Locale.ROOT, "  good events with poison / clean: %.0f%% sustained, %.0f%% overall%n",
                    100 * poisoned.sustainedPerSecond() / clean.sustainedPerSecond(),
                    100 * poisoned.eventsPerSecond() / clean.eventsPerSecond());
        }
    }
}
