package dev.imagedrift.stream;

import dev.imagedrift.reference.ReferenceSet;
import dev.imagedrift.tools.bench.SyntheticProperties;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.detect.Samples;
import dev.imagedrift.properties.PropertySet;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A {@link DriftTopology} under {@link TopologyTestDriver}, with a synthetic reference of
 * property vectors and helpers to pipe events of every accepted format.
 */
final class TopologyFixture implements AutoCloseable {
    static final long T0 = 1_795_874_400_000L; // 2026-11-28T14:00:00Z, aligned to 10 s windows

    final MonitorConfig config;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> events;
    final TestOutputTopic<String, ScoreRecord> scores;
    final TestOutputTopic<String, AlertRecord> alerts;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final RecordingListener listener = new RecordingListener();
    private final SyntheticProperties synthetic = new SyntheticProperties(11);

    /** @param overrides configuration overrides as environment variables, e.g. IMAGEDRIFT_WINDOW_MAX_SAMPLES */
    TopologyFixture(Path stateDir, Map<String, String> overrides) throws Exception {
        this(stateDir, overrides, d -> d);
    }

    /** @param wrapDetector lets a test put something around the real detector (a failure, for example) */
    TopologyFixture(Path stateDir, Map<String, String> overrides,
                    java.util.function.UnaryOperator<dev.imagedrift.detect.DriftDetector> wrapDetector) throws Exception {
        this(stateDir, overrides, wrapDetector, null);
    }

    /** @param fetcher fetches the images events name by URI (null: the topology without one) */
    TopologyFixture(Path stateDir, Map<String, String> overrides,
                    java.util.function.UnaryOperator<dev.imagedrift.detect.DriftDetector> wrapDetector,
                    dev.imagedrift.fetch.ImageFetcher fetcher) throws Exception {
        Path file = stateDir.resolve("test.yaml");
        Files.writeString(file, """
                kafka:
                  application-id: topology-test
                  state-dir: %s
                window:
                  size: 10s
                  grace: 2s
                detection:
                  min-samples: 30
                """.formatted(stateDir.resolve("state")));
        config = ConfigLoader.load(file, overrides);
        PropertySet properties = PropertySet.defaults();
        ReferenceSet references = ReferenceSet.global(reference(properties, 300), "test-ref");
        Properties props = StreamsSettings.from(config);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        dev.imagedrift.detect.DriftDetector detector = wrapDetector.apply(Detectors.create(config.detection().detectorSettings()));
        driver = new TopologyTestDriver(fetcher == null
                ? DriftTopology.build(config, properties, references, detector, listener, Clock.systemUTC())
                : DriftTopology.build(config, properties, references, detector, listener, Clock.systemUTC(), null,
                        new RecordFailures(config.reliability().maxRecordAttempts()), fetcher), props);
        events = driver.createInputTopic(config.topics().events(), new ByteArraySerializer(), new ByteArraySerializer());
        scores = driver.createOutputTopic(config.topics().scores(), new StringDeserializer(),
                new JsonSerde<>(ScoreRecord.class).deserializer());
        alerts = driver.createOutputTopic(config.topics().alerts(), new StringDeserializer(),
                new JsonSerde<>(AlertRecord.class).deserializer());
        deadLetters = driver.createOutputTopic(config.topics().deadLetter(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Reference rows: plausible photo properties with natural spread. */
    private Samples reference(PropertySet properties, int n) {
        double[][] rows = new double[n][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows[i] = normalRow(0);
            ids.add("ref-" + i);
        }
        return new Samples(properties.names(), rows, ids);
    }

    /** One property vector; {@code brightnessShift} moves brightness (and nothing else). */
    double[] normalRow(double brightnessShift) {
        return synthetic.next(brightnessShift);
    }

    /** A precomputed-properties JSON event. */
    static byte[] propertiesEvent(String id, String stream, long time, double[] v) {
        return SyntheticProperties.event(id, stream, time, v);
    }

    /** Pipes {@code count} precomputed events for {@code stream} spread over [from, from + span). */
    void pipeWindow(String stream, long from, long span, int count, double brightnessShift) {
        for (int i = 0; i < count; i++) {
            long t = from + (span * i) / count;
            pipe(stream, t, propertiesEvent(stream + "-" + t + "-" + i, stream, t, normalRow(brightnessShift)));
        }
    }

    void pipe(String key, long recordTime, byte[] value) {
        events.pipeInput(new TestRecord<>(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value,
                new RecordHeaders(), recordTime));
    }

    /**
     * Moves every stream's time to at least {@code time}: an event of another stream, stamped
     * {@code window.max-clock-skew} later, so the partition's time less the skew (on which a stream's
     * windows close at the latest) reaches {@code time}.
     */
    void advanceStreamTime(long time) {
        long stamped = time + config.window().maxClockSkew().toMillis();
        pipe("clock", stamped, propertiesEvent("tick-" + time, "clock", stamped, normalRow(0)));
    }

    List<ScoreRecord> scoresFor(String stream) {
        return scores.readValuesToList().stream().filter(s -> s.stream().equals(stream)).toList();
    }

    @Override
    public void close() {
        driver.close();
    }

    /** Remembers what the topology reported. */
    static final class RecordingListener implements MonitorListener {
        final List<DeadLetterReason> deadLetters = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> late = java.util.Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.atomic.AtomicInteger processed = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger notDecoded = new java.util.concurrent.atomic.AtomicInteger();
        final List<String> failedWindows = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void windowFailed(String stream) {
            failedWindows.add(stream);
        }

        @Override
        public void imageProcessed(String stream, long extractionNanos) {
            processed.incrementAndGet();
        }

        @Override
        public void imageNotDecoded(String stream) {
            notDecoded.incrementAndGet();
        }

        @Override
        public void deadLettered(DeadLetterReason reason) {
            deadLetters.add(reason);
        }

        @Override
        public void lateRecord(String stream) {
            late.add(stream);
        }
    }
}
