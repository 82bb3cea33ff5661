package dev.imagedrift.app;

import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.detect.DriftDetector;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.metrics.DriftMetrics;
import dev.imagedrift.metrics.HealthServer;
import dev.imagedrift.metrics.StreamsMetricsBridge;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.properties.PropertiesMode;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.stream.DriftTopology;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.reference.ReferenceSet;
import dev.imagedrift.stream.RecordFailures;
import dev.imagedrift.stream.StreamsSettings;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Wires one running monitor: reference, detector, topology, Kafka Streams client, metrics and
 * health endpoint. Used by {@code run} and {@code demo}; closing it stops everything it started.
 */
public final class MonitorRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorRuntime.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** How often the watchdog looks at the client's state and connections. */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private final KafkaStreams streams;
    private final HealthServer health;
    private final DriftMetrics metrics;
    private final MonitorHealth monitorHealth;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicReference<String> failure = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.ScheduledExecutorService watchdog;

    private final ImageEmbedder embedder;

    private MonitorRuntime(KafkaStreams streams, HealthServer health, DriftMetrics metrics, MonitorHealth monitorHealth,
                           java.util.concurrent.ScheduledExecutorService watchdog, ImageEmbedder embedder) {
        this.streams = streams;
        this.health = health;
        this.metrics = metrics;
        this.monitorHealth = monitorHealth;
        this.watchdog = watchdog;
        this.embedder = embedder;
    }

    /**
     * Starts the monitor. {@code extraListener} sees everything the metrics see (the demo prints
     * from it); pass {@link MonitorListener#NONE} otherwise.
     */
    public static MonitorRuntime start(MonitorConfig config, PropertySet properties, ReferenceSet references,
                                       MonitorListener extraListener) throws IOException {
        return start(config, properties, references, extraListener, MonitorRuntime.class.getClassLoader());
    }

    /**
     * Starts the monitor, finding the embedding model's runtime (the ONNX plugin) with {@code plugins}.
     */
    public static MonitorRuntime start(MonitorConfig config, PropertySet properties, ReferenceSet references,
                                       MonitorListener extraListener, ClassLoader plugins) throws IOException {
        ImageEmbedder embedder = StreamEmbedder.open(config, references, plugins);
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        // Per-stream series expire when this process stops working on a stream (after a rebalance).
        DriftMetrics metrics = new DriftMetrics(registry, BuildInfo.version(), config.staleSeriesAfter(),
                Clock.systemUTC(), config.metrics().maxStreams());
        metrics.referenceLoaded(references.globalSize());
        metrics.windowConfigured(config.window().size(), config.window().grace());
        ImageDecoder decoder = config.imageDecoder();
        PropertiesMode mode = config.properties().propertiesMode();
        LOG.info("images: JPEG decoder {}; properties measured in {} mode", decoder.jpegDecoding(), mode.code());
        metrics.decoderInUse(decoder.jpegDecoding().name(), mode.code());
        DriftDetector detector = Detectors.create(config.detection().detectorSettings());
        MonitorListener listener = MonitorListener.all(metrics, extraListener);
        RecordFailures failures = new RecordFailures(config.reliability().maxRecordAttempts());
        Topology topology = DriftTopology.build(config, properties, references, detector, listener, Clock.systemUTC(),
                embedder, failures);
        KafkaStreams streams = new KafkaStreams(topology, StreamsSettings.from(config));
        // A failing stream thread is replaced (after a backoff) rather than taking the whole monitor down,
        // the record it died on is dead-lettered after a few tries, and a failure that keeps coming back
        // shuts the client down so that /healthz fails and `run` exits.
        StreamThreadFailures threadFailures = new StreamThreadFailures(failures, config.reliability(),
                Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
        streams.setUncaughtExceptionHandler(threadFailures);
        ClusterReachability reachability = new ClusterReachability(streams, config.kafka().bootstrapServers(),
                config.reliability().unreachableTimeout(), Clock.systemUTC());
        MonitorHealth monitorHealth = new MonitorHealth(streams, threadFailures,
                config.reliability().maxThreadReplacements(), reachability);
        StreamsMetricsBridge.register(registry, () -> streams);
        HealthServer health = HealthServer.start(config.metrics().host(), config.metrics().port(), registry,
                monitorHealth::liveness, monitorHealth::readiness, metrics::expireStaleSeries);
        java.util.concurrent.ScheduledExecutorService watchdog = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "imagedrift-watchdog");
                    t.setDaemon(true);
                    return t;
                });
        MonitorRuntime runtime = new MonitorRuntime(streams, health, metrics, monitorHealth, watchdog, embedder);
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR) {
                runtime.fail("the Kafka Streams client failed (state ERROR; the log above says why)");
            } else if (now == KafkaStreams.State.NOT_RUNNING && !runtime.closed.get()) {
                runtime.fail("the Kafka Streams client stopped (state NOT_RUNNING) although the monitor was not stopped");
            }
        });
        watchdog.scheduleWithFixedDelay(() -> reachability.check().ifPresent(runtime::fail),
                WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        streams.start();
        LOG.info("monitor started: events {} -> scores {}, alerts {}; metrics on port {}", config.topics().events(),
                config.topics().scores(), config.topics().alerts(), health.port());
        if (references.hasEmbeddings()) {
            LOG.info("embedding drift on: model {}, {} components; images without an embedding are {}",
                    references.global().embeddings() == null ? "(per stream)" : references.global().embeddings().model(),
                    references.global().embeddings() == null ? "-"
                            : references.global().embeddings().projection().components(),
                    embedder == null ? "measured for properties only" : "embedded by " + embedder.spec().modelFile());
        }
        return runtime;
    }

    /** Records the first failure that should stop the monitor, logs it, and wakes {@link #awaitStopped()}. */
    private void fail(String reason) {
        if (failure.compareAndSet(null, reason)) {
            LOG.error("monitor failed: {}", reason);
            stopped.countDown();
        }
    }

    /** Why the monitor stopped on its own (then {@code run} exits non-zero), or null. */
    public String failure() {
        return failure.get();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public int metricsPort() {
        return health.port();
    }

    public DriftMetrics metrics() {
        return metrics;
    }

    /** Waits until the Streams client is RUNNING; false on timeout or when it failed. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State s = streams.state();
            if (s == KafkaStreams.State.RUNNING) return true;
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING) return false;
            Thread.sleep(50);
        }
        return false;
    }

    /** Blocks until {@link #close()} has run (from a shutdown hook, for example) or the monitor failed ({@link #failure()}). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        monitorHealth.closing();
        watchdog.shutdownNow();
        try {
            if (!streams.close(CLOSE_TIMEOUT)) {
                LOG.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
            }
        } finally {
            health.close();
            if (embedder != null) {
                embedder.close();
            }
            stopped.countDown();
        }
    }
}
