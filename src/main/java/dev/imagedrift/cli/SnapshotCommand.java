package dev.imagedrift.cli;

import dev.imagedrift.embedding.EmbedderSpec;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.reference.ImageLoader;
import dev.imagedrift.reference.ReferenceEmbeddings;
import dev.imagedrift.reference.SnapshotEmbeddings;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SkipSummary;
import dev.imagedrift.reference.SkippedImage;
import dev.imagedrift.reference.SnapshotBuild;
import dev.imagedrift.reference.SnapshotBuilder;
import dev.imagedrift.reference.SnapshotIO;
import dev.imagedrift.reference.SnapshotOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.Durations;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.stream.TopicSnapshotReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code snapshot}: measures the images under a directory, or one stream's events over a time
 * range read from the input topic (a static camera's own baseline), and writes a reference
 * snapshot file. Exit codes: 0 written; 1 no image could be read (nothing written), the topic
 * could not be read or the file could not be written; 2 usage errors.
 */
@Command(name = "snapshot",
        mixinStandardHelpOptions = true,
        description = {"Measures the images under a directory (--images), or one stream's events over a time range "
                + "read from the input topic (--from-topic, --stream, --from, --to), and writes a reference snapshot "
                + "(JSON, gzip when FILE ends in .gz) for the check and run commands.",
                "A camera that stares at one scene needs its own baseline: snapshot a quiet period of its own traffic "
                        + "and list it under reference.per-stream."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:snapshot written", "1:no image could be read, or the file could not be written",
                "2:usage error"})
public final class SnapshotCommand implements Callable<Integer> {
    static final int FAILED = 1;
    private static final int LISTED_SKIPS = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Directory of reference images, read recursively (JPEG, PNG, BMP, GIF, WebP, TIFF); other "
                    + "files are listed as skipped.")
    Path images;

    @Option(names = "--from-topic", arity = "0..1", fallbackValue = "", paramLabel = "TOPIC",
            description = "Read the events of --stream from this topic instead of a directory (default topic: "
                    + "topics.events of --config, else image-events).")
    String fromTopic;

    @Option(names = "--stream", paramLabel = "NAME", description = "With --from-topic: the stream (camera) to snapshot.")
    String stream;

    @Option(names = "--from", paramLabel = "TIME",
            description = "With --from-topic: first event time included, ISO-8601 (2026-12-01T08:00:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "With --from-topic: event time where the range ends (excluded).")
    String to;

    @Option(names = "--config", paramLabel = "FILE",
            description = "With --from-topic: the monitor's configuration file, for kafka.bootstrap-servers, "
                    + "kafka.properties (security), topics.events, window.max-clock-skew and images.* (the image "
                    + "options above are then not used).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS",
            description = "With --from-topic: Kafka bootstrap servers (overrides --config).")
    String bootstrapServers;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "With --from-topic: give up when the topic has not been read in this time (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Snapshot file to write.")
    Path out;

    @Mixin
    SampleOptions sampling;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: one per core). The snapshot does not depend on it.")
    Integer threads;

    @Mixin
    ImageLimitOptions limits;

    @Option(names = "--sample-first",
            description = "Decode images only until the sample is full, in sampling order: the same sample, much "
                    + "faster on folders far larger than --max-samples; counts and skips then cover only the images tried.")
    boolean sampleFirst;

    @Option(names = "--quiet", description = "No progress bar (there is none when stderr is not a terminal).")
    boolean quiet;

    @Mixin
    MeasurementOptions measurement;
    @Option(names = "--embeddings", paramLabel = "FILE",
            description = "Reference embeddings keyed by image id (the path under --images): a .npy array (float32 or "
                    + "float64, one row per image) with --embedding-ids, or JSON Lines ({\"id\": ..., \"embedding\": "
                    + "[...]} a line). Needs --embedding-model.")
    Path embeddingsFile;

    @Option(names = "--embedding-ids", paramLabel = "FILE",
            description = "With a .npy file: the image ids of its rows, one a line.")
    Path embeddingIds;

    @Mixin
    EmbeddingOptions embedding;

    @Override
    public Integer call() {
        if ((images == null) == (fromTopic == null)) {
            throw new ParameterException(spec.commandLine(), "give either --images DIR or --from-topic");
        }
        if (fromTopic != null) return fromTopic();
        SnapshotOptions options = options();
        ImageLoader loader = measurement.loader(spec, limits);
        if (!Files.isDirectory(images)) {
            throw new ParameterException(spec.commandLine(), "--images " + images + ": not a directory");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();

        SnapshotBuild build;
        try {
            build = new SnapshotBuilder(plugins.properties(spec), loader, options).build(images);
        } catch (IOException e) {
            stderr.println("Cannot read " + images + ": " + e.getMessage());
            stderr.flush();
            return FAILED;
        }
        ReferenceSnapshot snapshot = build.snapshot();
        if (snapshot.samples().isEmpty()) {
            stderr.println("No image could be read from " + images + ": " + SkipSummary.describe(snapshot.skipped())
                    + ". Nothing written.");
            printSkips(stderr, snapshot.skipped());
            stderr.flush();
            return FAILED;
        }
        try {
            snapshot = withEmbeddings(snapshot, loader, options.threads());
        } catch (IOException | IllegalArgumentException e) {
            stderr.println("snapshot: embeddings: " + e.getMessage() + ". Nothing written.");
            stderr.flush();
            return ExitCodes.USAGE;
        }
        try {
            SnapshotIO.write(snapshot, out);
        } catch (IOException e) {
            stderr.println("Cannot write " + out + ": " + e);
            stderr.flush();
            return FAILED;
        }
        printSummary(stdout, build, snapshot);
        stdout.flush();
        return 0;
    }

    /** The snapshot with its sampled images' embeddings, when asked for (from a file or an ONNX model). */
    private ReferenceSnapshot withEmbeddings(ReferenceSnapshot snapshot, ImageLoader loader, int threads)
            throws IOException {
        EmbedderSpec spec = embedding.spec(spec());
        if (embeddingsFile != null && spec != null) {
            throw new ParameterException(this.spec.commandLine(), "give --embeddings or --onnx-model, not both");
        }
        if (embeddingIds != null && embeddingsFile == null) {
            throw new ParameterException(this.spec.commandLine(), "--embedding-ids goes with --embeddings");
        }
        int components = embedding.components(spec());
        if (embeddingsFile != null) {
            String model = embedding.fileModelName(spec(), "--embeddings");
            SnapshotEmbeddings.Found found = SnapshotEmbeddings.fromFile(snapshot, embeddingsFile, embeddingIds);
            return SnapshotEmbeddings.attach(snapshot, found, model, null, components);
        }
        if (spec != null) {
            try (ImageEmbedder embedder = embedding.open(spec(), spec, plugins.classLoader(spec()))) {
                SnapshotEmbeddings.Found found = SnapshotEmbeddings.fromModel(snapshot, loader, embedder, threads);
                return SnapshotEmbeddings.attach(snapshot, found, embedder.model(), spec, components);
            }
        }
        return snapshot;
    }

    private CommandSpec spec() {
        return spec;
    }

    /** The snapshot of one stream's events over [--from, --to) read from the topic. */
    private int fromTopic() {
        if (stream == null || stream.isBlank()) throw new ParameterException(spec.commandLine(), "--from-topic needs --stream");
        Instant start = instant("--from", from);
        Instant end = instant("--to", to);
        if (!start.isBefore(end)) {
            throw new ParameterException(spec.commandLine(), "--from " + start + " must be before --to " + end);
        }
        options(); // validates --max-samples
        Duration limit;
        try {
            limit = Durations.parse(timeout);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--timeout: " + e.getMessage());
        }
        MonitorConfig monitor;
        try {
            monitor = config == null ? MonitorConfig.defaults() : ConfigLoader.load(config, Map.of());
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--config " + config + ": " + e.getMessage());
        }
        Map<String, String> client = new LinkedHashMap<>(monitor.kafka().properties());
        client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers != null ? bootstrapServers : monitor.kafka().bootstrapServers());
        String topic = fromTopic.isEmpty() ? monitor.topics().events() : fromTopic;
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        TopicSnapshotReader.Result result;
        try {
            // With the service's configuration, measure as the service does (its images.* and properties.mode).
            ImageDecoder decoder = config != null ? monitor.imageDecoder() : measurement.decoder(spec, limits);
            result = new TopicSnapshotReader(client, plugins.properties(spec), decoder, Clock.systemUTC())
                    .read(topic, stream, start, end, monitor.window().maxClockSkew(), sampling.maxSamples, sampling.seed,
                            limit);
        } catch (IllegalArgumentException | KafkaException e) {
            stderr.println("Cannot read topic " + topic + " at " + client.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + ": " + e.getMessage());
            stderr.flush();
            return FAILED;
        }
        ReferenceSnapshot snapshot = result.snapshot();
        if (snapshot.samples().isEmpty()) {
            stderr.printf(Locale.ROOT, "No event of stream %s in [%s, %s) on %s (%d records read, %d of other streams, "
                            + "%d outside the range, %d unusable). Nothing written.%n", stream, start, end, topic,
                    result.recordsRead(), result.otherStreams(), result.outsideRange(), result.skipped());
            printSkips(stderr, snapshot.skipped());
            stderr.flush();
            return FAILED;
        }
        try {
            SnapshotIO.write(snapshot, out);
        } catch (IOException e) {
            stderr.println("Cannot write " + out + ": " + e);
            stderr.flush();
            return FAILED;
        }
        stdout.println("Reference snapshot written to " + out);
        stdout.printf(Locale.ROOT, "  %-12s %s%n", "source", snapshot.source());
        stdout.printf(Locale.ROOT, "  %-12s %d events of the stream in range (%d records read: %d of other streams, "
                        + "%d outside the range)%n", "events", snapshot.imagesRead(), result.recordsRead(),
                result.otherStreams(), result.outsideRange());
        stdout.printf(Locale.ROOT, "  %-12s %s%n", "skipped", result.skipped() == 0 ? "none"
                : result.skipped() + " (" + SkipSummary.describe(snapshot.skipped()) + (result.skipped()
                > TopicSnapshotReader.LISTED_SKIPS ? "; the first " + TopicSnapshotReader.LISTED_SKIPS + " listed" : "")
                + ")");
        printSkips(stdout, snapshot.skipped());
        stdout.printf(Locale.ROOT, "  %-12s %d rows (limit %d, seed %d)%n", "sample", snapshot.samples().size(),
                snapshot.sampleLimit(), snapshot.sampleSeed());
        stdout.printf(Locale.ROOT, "  %-12s %s%n", "version", snapshot.contentVersion());
        stdout.flush();
        return 0;
    }

    private Instant instant(String option, String text) {
        if (text == null) throw new ParameterException(spec.commandLine(), "--from-topic needs " + option);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), option + " " + text
                    + ": not an ISO-8601 time with an offset, e.g. 2026-12-01T08:00:00Z");
        }
    }

    private SnapshotOptions options() {
        if (sampling.maxSamples < 1) {
            throw new ParameterException(spec.commandLine(), "--max-samples must be at least 1, got "
                    + sampling.maxSamples);
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + n);
        }
        boolean progress = !quiet && interactive();
        return new SnapshotOptions(sampling.maxSamples, sampling.seed, n, progress, sampleFirst);
    }

    /**
     * Whether the process talks to a terminal. On Java 22 to 24 {@code System.console()} may be
     * non-null even when redirected; {@code Console.isTerminal()} (Java 22+) then decides.
     */
    private static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private void printSummary(PrintWriter w, SnapshotBuild build, ReferenceSnapshot s) {
        w.println("Reference snapshot written to " + out);
        w.printf(Locale.ROOT, "  %-12s %d of %d image files (%d other files, listed as skipped)%n", "images read",
                s.imagesRead(), build.imageFiles(), build.otherFiles());
        if (sampleFirst && build.imagesTried() < build.imageFiles()) {
            w.printf(Locale.ROOT, "  %-12s stopped when the sample was full: %d image files not read%n", "",
                    build.imageFiles() - build.imagesTried());
        }
        w.printf(Locale.ROOT, "  %-12s %s%n", "skipped", s.skipped().isEmpty() ? "none"
                : SkipSummary.describe(s.skipped()));
        printSkips(w, s.skipped());
        w.printf(Locale.ROOT, "  %-12s %d rows (limit %d, seed %d)%n", "sample", s.samples().size(),
                s.sampleLimit(), s.sampleSeed());
        ReferenceEmbeddings e = s.embeddings();
        if (e != null) {
            double share = java.util.Arrays.stream(e.projection().varianceShare()).sum();
            w.printf(Locale.ROOT, "  %-12s model %s, dimension %d, %d of %d sampled images (%d missing); %d components "
                            + "hold %.1f%% of the variance%n", "embeddings", e.model(), e.dimension(), e.ids().size(),
                    s.samples().size(), e.missing(), e.projection().components(), 100 * share);
        }
        w.printf(Locale.ROOT, "  %-12s %s%n", "version", s.contentVersion());
        w.printf(Locale.ROOT, "  %-12s %s mode, JPEG decoder %s%n", "measured", s.measuredWith().mode().code(),
                s.measuredWith().decoder());
        w.printf(Locale.ROOT, "  %-12s %.2f s (%.1f images/s, %d threads)%n", "elapsed",
                build.elapsed().toNanos() / 1e9, build.imagesPerSecond(), build.threads());
    }

    private static void printSkips(PrintWriter w, List<SkippedImage> skipped) {
        for (SkippedImage s : skipped.subList(0, Math.min(LISTED_SKIPS, skipped.size()))) {
            w.printf(Locale.ROOT, "  %-12s - %s: %s%n", "", s.id(), s.reason());
        }
        if (skipped.size() > LISTED_SKIPS) {
            w.printf(Locale.ROOT, "  %-12s ... and %d more (all listed, with messages, in the snapshot file)%n", "",
                    skipped.size() - LISTED_SKIPS);
        }
    }
}
