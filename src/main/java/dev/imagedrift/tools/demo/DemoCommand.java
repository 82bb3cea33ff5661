package dev.imagedrift.tools.demo;

import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.app.ReferenceLoader;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.Durations;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ImageLoaders;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SnapshotBuilder;
import dev.imagedrift.reference.SnapshotIO;
import dev.imagedrift.reference.SnapshotOptions;
import dev.imagedrift.reference.SnapshotEmbeddings;
import dev.imagedrift.embedding.EmbedderSpec;
import dev.imagedrift.embedding.Embedders;
import dev.imagedrift.embedding.EmbeddingFailedException;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.embedding.Projection;
import dev.imagedrift.stream.DriftTopology;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.reference.ReferenceSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The README's main command: everything in one process, nothing to install beyond Java. An
 * in-process Kafka broker, a reference snapshot of the bundled photos, the monitor itself, and
 * production traffic made of held-out photos that drifts (brightened, as in the seed page) and
 * recovers, so a window-by-window story with an alert FIRING and RESOLVED plays out in about two
 * minutes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole product locally: embedded Kafka, reference from bundled photos, the monitor, "
                + "and traffic that drifts and recovers. Ctrl-C stops it cleanly.")
public final class DemoCommand implements Callable<Integer> {
    /** The bundled test model (scripts/make-test-model.py) and its input size. */
    static final String TEST_MODEL = "tiny-embedder.onnx";
    static final int TEST_MODEL_INPUT = 32;

    @Option(names = "--rate", defaultValue = "30", description = "Events per second per stream (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--streams", defaultValue = "2", description = "Number of camera streams; the first one drifts (default: ${DEFAULT-VALUE}).")
    int streamCount;

    @Option(names = "--window", defaultValue = "10s", description = "Window length (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--grace", defaultValue = "2s", description = "Grace for late events (default: ${DEFAULT-VALUE}).")
    String grace;

    @Option(names = "--normal", defaultValue = "30s", description = "Length of the first, normal phase (default: ${DEFAULT-VALUE}).")
    String normal;

    @Option(names = "--drift", defaultValue = "40s", description = "Length of the drift phase (default: ${DEFAULT-VALUE}).")
    String drift;

    @Option(names = "--recovered", defaultValue = "40s", description = "Length of the recovered phase (default: ${DEFAULT-VALUE}).")
    String recovered;

    @Option(names = "--metrics-port", defaultValue = "9400", description = "Port of /metrics, /healthz, /readyz; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--embeddings", description = "Also test drift on image embeddings: the bundled test model "
            + "(a small fixed random convolution network, samples/models/tiny-embedder.onnx) embeds the reference and, "
            + "in the stream, every image; each window reports both tests.")
    boolean embeddings;

    @Option(names = "--keep-running", description = "After the story, keep sending normal traffic until Ctrl-C.")
    boolean keepRunning;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        // The demo's console is the story; keep the clients' and broker's warnings about their own
        // start-up (topics being created, a temp state dir) out of it. Real errors still show.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "error");
        System.setProperty("org.slf4j.simpleLogger.log.dev.imagedrift", "warn");
        Duration windowSize = Durations.parse(window);
        Duration graceTime = Durations.parse(grace);
        List<String> streams = IntStream.rangeClosed(1, streamCount).mapToObj(i -> "camera-" + i).toList();
        // The last phase runs one window + grace longer, so the last windows see stream time pass their close.
        DemoScenario scenario = DemoScenario.standard(streams, Durations.parse(normal), Durations.parse(drift),
                Durations.parse(recovered).plus(windowSize).plus(graceTime).plusSeconds(1));
        Path work = Files.createTempDirectory("imagedrift-demo-");
        Thread mainThread = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println("\nstopping (Ctrl-C) ...");
            mainThread.interrupt();
            try {
                finished.await(java.util.concurrent.TimeUnit.SECONDS.toMillis(40), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return play(scenario, streams, windowSize, graceTime, work);
        } catch (InterruptedException e) {
            out.println("demo interrupted; everything it started is stopped.");
            return 130;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Already shutting down: the hook is running and waits for the latch above.
            }
        }
    }

    private int play(DemoScenario scenario, List<String> streams, Duration windowSize, Duration graceTime, Path work)
            throws Exception {
        out.printf("image-drift-monitor demo: %d streams, %d events/s each, %s windows (grace %s), about %d s%n",
                streams.size(), rate, Durations.format(windowSize), Durations.format(graceTime),
                scenario.total().toSeconds());
        out.println("starting an in-process Kafka broker (KRaft) ...");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            out.println("  broker on " + broker.bootstrapServers());
            PropertySet properties = PropertySet.discover();
            Path snapshotFile = work.resolve("reference.json.gz");
            Path model = embeddings ? BundledSamples.extract("models", work).resolve(TEST_MODEL) : null;
            buildReference(properties, work, snapshotFile, model);
            Path configFile = writeConfig(work, broker.bootstrapServers(), snapshotFile, windowSize, graceTime,
                    streams.size(), model);
            MonitorConfig config = ConfigLoader.load(configFile, Map.of());
            broker.createTopics(DriftTopology.topicNames(config), 2);
            out.println("  configuration: " + configFile);

            List<DemoEventSource.Image> normalImages = images(BundledSamples.extract("current", work));
            List<DemoEventSource.Image> driftedImages = images(BundledSamples.extract("current-brightened", work));
            out.printf("  production traffic: %d held-out photos, and their brightened copies for the drift%n",
                    normalImages.size());

            ReferenceSet references = ReferenceLoader.load(config, properties);
            try (MonitorRuntime monitor = MonitorRuntime.start(config, properties, references,
                    MonitorListener.NONE)) {
                if (!monitor.awaitRunning(Duration.ofSeconds(60))) {
                    out.println("the monitor did not reach RUNNING: " + monitor.streams().state());
                    return 1;
                }
                out.printf("monitor RUNNING; metrics on http://127.0.0.1:%d/metrics (also /healthz, /readyz)%n%n",
                        monitor.metricsPort());
                out.println("time      stream    window             n (reference)     score   AUC   p        status");
                ConsoleReporter reporter = new ConsoleReporter(broker.bootstrapServers(), config.topics().scores(),
                        config.topics().alerts(), out);
                Thread reporterThread = new Thread(reporter, "demo-console");
                reporterThread.start();
                try (DemoEventSource source = new DemoEventSource(broker.bootstrapServers(), config.topics().events(),
                        streams, normalImages, driftedImages, rate, Clock.systemUTC())) {
                    source.play(scenario, phase -> out.printf("%n[phase: %s, %d s] %s%n", phase.name(),
                            phase.length().toSeconds(), phase.description()), keepRunning);
                    Thread.sleep(2_000); // let the last score records through
                    out.printf("%nsent %d events; %d windows scored; alerts: %d FIRING, %d RESOLVED%n", source.sent(),
                            reporter.windowsSeen(), reporter.firingSeen(), reporter.resolvedSeen());
                } finally {
                    reporter.close();
                    reporterThread.join(5_000);
                }
                boolean story = reporter.firingSeen() > 0 && reporter.resolvedSeen() > 0;
                out.println(story ? "the drift was detected, alerted, and resolved."
                        : "the alert did not both fire and resolve: see the window lines above.");
                return story ? 0 : 1;
            }
        }
    }

    private void buildReference(PropertySet properties, Path work, Path snapshotFile, Path model) throws IOException {
        Path referenceImages = BundledSamples.extract("reference", work);
        ReferenceSnapshot snapshot = new SnapshotBuilder(properties, ImageLoaders.standard(),
                SnapshotOptions.defaults()).build(referenceImages).snapshot();
        if (model != null) {
            EmbedderSpec spec = new EmbedderSpec(model, null, TEST_MODEL_INPUT, null, null);
            try (ImageEmbedder embedder = Embedders.open(spec, DemoCommand.class.getClassLoader())) {
                snapshot = SnapshotEmbeddings.attach(snapshot, SnapshotEmbeddings.fromModel(snapshot,
                        ImageLoaders.standard(), embedder, Runtime.getRuntime().availableProcessors()),
                        embedder.model(), spec, Projection.DEFAULT_COMPONENTS);
            } catch (EmbeddingFailedException e) {
                throw new IOException("the bundled test model does not load: " + e.getMessage(), e);
            }
            out.printf("  embeddings: model %s (%d values an image), %d principal components of the reference%n",
                    snapshot.embeddings().model(), snapshot.embeddings().dimension(),
                    snapshot.embeddings().projection().components());
        }
        SnapshotIO.write(snapshot, snapshotFile);
        out.printf("  reference snapshot: %d bundled photos (%d skipped), version %s -> %s%n",
                snapshot.samples().size(), snapshot.skipped().size(), snapshot.contentVersion(), snapshotFile);
    }

    private Path writeConfig(Path work, String bootstrap, Path snapshot, Duration windowSize, Duration graceTime,
                             int streams, Path model) throws IOException {
        String yaml = """
                # Written by the demo; the same keys configure `run` (see README, Configuration).
                kafka:
                  bootstrap-servers: %s
                  application-id: imagedrift-demo
                  state-dir: %s
                window:
                  size: %s
                  grace: %s
                reference:
                  snapshot: %s
                detection:
                  expected-streams: %d
                metrics:
                  port: %d
                  host: 127.0.0.1
                """.formatted(bootstrap, work.resolve("state"), Durations.format(windowSize),
                Durations.format(graceTime), snapshot, streams, metricsPort)
                + (model == null ? "" : "embedding:\n  onnx-model: " + model + "\n");
        Path file = work.resolve("demo.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static List<DemoEventSource.Image> images(Path dir) throws IOException {
        List<DemoEventSource.Image> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                images.add(new DemoEventSource.Image(f.getFileName().toString(), Files.readAllBytes(f)));
            }
        }
        return images;
    }
}
