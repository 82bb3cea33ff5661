package dev.imagedrift.stream;

import dev.imagedrift.reference.ReferenceSet;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.detect.AlertPolicy;
import dev.imagedrift.detect.AlertState;
import dev.imagedrift.detect.DriftDetector;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.fetch.ImageFetcher;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.window.BottomKReservoir;
import dev.imagedrift.window.SamplePriority;
import dev.imagedrift.window.WindowAssigner;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The monitor's Kafka Streams topology, a pure function of its inputs (tests build the very same
 * topology):
 *
 * <pre>
 * image-events ─ fetch-images ─ extract-properties ─┬─ (bad) ──────────────────────────────────────── image-events-dlq
 *  (images named by URI, fetched   (decode-gate: decodes an image
 *   concurrently, handed on         only if it can enter a sample)
 *   in order)                                        └─ (ok) ─ repartition by stream ─ window-sampler ─┬─ (late) ─ image-events-dlq
 *                                                                                                     └─ image-drift-scores
 *                                                                                                         └─ alert-state ─ image-drift-alerts
 * </pre>
 */
public final class DriftTopology {
    /** How long one call may spend evaluating due windows before letting the stream thread commit. */
    static final Duration CLOSE_BUDGET = Duration.ofSeconds(2);
    /** How often due windows are checked without new events (a backlog left by the budget). */
    static final Duration CLOSE_CHECK_INTERVAL = Duration.ofSeconds(1);

    /** The commit gates' in-memory stores (no changelog): what each stage reports to the metrics. */
    static final String EXTRACT_REPORTS = "extract-reports";
    static final String WINDOW_REPORTS = "window-reports";
    static final String ALERT_REPORTS = "alert-reports";
    /** Allows nothing and starts no thread: every image URI is refused. */
    private static final ImageFetcher DISABLED_FETCHER = ImageFetcher.disabled();

    private DriftTopology() {}

    /** The topology without an embedding model, for events that carry their images (see the next overload). */
    public static Topology build(MonitorConfig config, PropertySet properties, ReferenceSet references,
                                 DriftDetector detector, MonitorListener listener, Clock clock) {
        return build(config, properties, references, detector, listener, clock, null,
                new RecordFailures(config.reliability().maxRecordAttempts()));
    }

    /**
     * The topology for events that carry their images (or properties) themselves: events naming an
     * image by URI are dead-lettered as {@code uri_not_allowed}. With {@code fetch.allowed-prefixes}
     * configured, use the overload that takes the process's {@link ImageFetcher}.
     *
     * @param embedder a model that embeds the images of events that carry no embedding (for streams
     *                 whose reference has embeddings from that model), or null: only the events' own
     * @param failures the records that stopped a stream thread; the runtime's uncaught-exception
     *                 handler tells it which ({@link RecordFailures#threadFailed})
     */
    public static Topology build(MonitorConfig config, PropertySet properties, ReferenceSet references,
                                 DriftDetector detector, MonitorListener listener, Clock clock,
                                 ImageEmbedder embedder, RecordFailures failures) {
        if (!config.fetch().allowedPrefixes().isEmpty()) {
            throw new IllegalArgumentException("fetch.allowed-prefixes is set: build the topology with an ImageFetcher");
        }
        return build(config, properties, references, detector, listener, clock, embedder, failures, DISABLED_FETCHER);
    }

    /**
     * The whole topology.
     *
     * @param listener what the metrics see: each report is passed on once the work it describes is
     *                 committed ({@link CommitGate}); the fetch stage's reports (fetches made, events
     *                 waiting) go straight through: they describe work done, a fetch repeated after a
     *                 restart included
     * @param embedder a model that embeds the images of events that carry no embedding (for streams
     *                 whose reference has embeddings from that model), or null: only the events' own
     * @param failures the records that stopped a stream thread; the runtime's uncaught-exception
     *                 handler tells it which ({@link RecordFailures#threadFailed})
     * @param fetcher  fetches the images events name by URI; one per process, owned (and closed) by the caller
     */
    public static Topology build(MonitorConfig config, PropertySet properties, ReferenceSet references,
                                 DriftDetector detector, MonitorListener listener, Clock clock,
                                 ImageEmbedder embedder, RecordFailures failures, ImageFetcher fetcher) {
        if (!properties.names().equals(references.propertyNames())) {
            throw new IllegalArgumentException("the reference has properties " + references.propertyNames()
                    + " but the monitor computes " + properties.names());
        }
        MonitorConfig.Topics topics = config.topics();
        MonitorConfig.Window window = config.window();
        EventParser parser = new EventParser(config.images().maxBytes());
        DeadLetterLimits deadLetterLimits = new DeadLetterLimits(StreamsSettings.maxRequestSize(config));
        CommitGate.Supplier extractGate = new CommitGate.Supplier(EXTRACT_REPORTS, listener);
        CommitGate.Supplier windowGate = new CommitGate.Supplier(WINDOW_REPORTS, listener);
        CommitGate.Supplier alertGate = new CommitGate.Supplier(ALERT_REPORTS, listener);
        PropertyExtractor extractor = new PropertyExtractor(config.imageDecoder(), properties,
                new EmbeddingProjector(references, embedder));
        WindowAssigner assigner = new WindowAssigner(window.size(), window.advance());
        SamplePriority priorities = new SamplePriority(config.detection().seed());
        BottomKReservoir reservoir = new BottomKReservoir(window.maxSamples());
        MonitorConfig.Alerting a = config.alerting();
        AlertPolicy policy = new AlertPolicy(a.fireAfter(), a.outOf(), a.resolveAfter());

        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], byte[]> events = builder.stream(topics.events(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("image-events"));

        int maxPending = config.fetch().maxPending();
        KStream<byte[], InputRecord> fetched = events.process(new FetchSupplier(() -> new FetchProcessor(fetcher,
                r -> parser.imageUri(r.key(), r.value(), r.headers(), r.timestamp(), "fetch"), maxPending, failures,
                listener)), Named.as("fetch-images"));
        KStream<String, Outcome<Observation>> extracted = fetched.process(
                new GatedSupplier<>(() -> new ExtractProcessor(parser, extractor,
                        new DecodeGate(assigner, window.advance(), window.grace(), priorities, window.maxSamples()),
                        extractGate, failures, clock, window.maxClockSkew()),
                        Set.of(byteStore(DecodeGate.STORE), extractGate.storeBuilder())),
                Named.as("extract-properties"));
        KStream<String, Observation> observations = valuesOrDeadLetters(extracted, "extracted-", "dead", "ok",
                        "extract", "observations", topics.deadLetter(), deadLetterLimits)
                .repartition(Repartitioned.<String, Observation>as("observations-by-stream")
                        .withKeySerde(Serdes.String()).withValueSerde(new ObservationSerde()));

        KStream<String, Outcome<ScoreRecord>> windowed = observations.process(
                new WindowSupplier(() -> new WindowProcessor(assigner, window.grace(), reservoir, priorities, references,
                        detector, windowGate, failures, window.maxClockSkew(), window.maxStreams(), CLOSE_BUDGET,
                        CLOSE_CHECK_INTERVAL, clock), windowGate),
                Named.as("window-sampler"));
        KStream<String, ScoreRecord> scores = valuesOrDeadLetters(windowed, "windowed-", "late", "scored", "late",
                "scores", topics.deadLetter(), deadLetterLimits);
        scores.to(topics.scores(), Produced.with(Serdes.String(), new JsonSerde<>(ScoreRecord.class))
                .withName("scores-sink"));
        scores.process(new AlertSupplier(() -> new AlertProcessor(policy, alertGate, clock), alertGate),
                        Named.as("alert-state"))
                .to(topics.alerts(), Produced.with(Serdes.String(), new JsonSerde<>(AlertRecord.class))
                        .withName("alerts-sink"));
        return builder.build(StreamsSettings.from(config));
    }

    /**
     * Sends a stage's dead outcomes to the dead-letter topic and returns its values. The node names
     * ({@code prefix + deadBranch}, {@code stage + "-dead-letters"}, ...) are locked by a test.
     */
    private static <T> KStream<String, T> valuesOrDeadLetters(KStream<String, Outcome<T>> outcomes, String prefix,
                                                              String deadBranch, String okBranch, String stage,
                                                              String valuesName, String deadLetterTopic,
                                                              DeadLetterLimits limits) {
        Map<String, KStream<String, Outcome<T>>> branches = outcomes
                .split(Named.as(prefix))
                .branch((k, v) -> v.isDead(), Branched.as(deadBranch))
                .defaultBranch(Branched.as(okBranch));
        branches.get(prefix + deadBranch)
                .process(() -> new DeadLetterRouter<T>(limits), Named.as(stage + "-dead-letters"))
                .to(deadLetterTopic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(stage + "-dead-letter-sink"));
        return branches.get(prefix + okBranch).mapValues(Outcome::value, Named.as(valuesName));
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> byteStore(String name) {
        // Caching folds repeated updates of a window's counter into one changelog write per commit.
        return uncachedByteStore(name).withCachingEnabled();
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> uncachedByteStore(String name) {
        // For stores read by range on the hot path: a cached store's range copies the cached keys of
        // the range on every call (Kafka's NamedCache), which for a full reservoir is k keys per eviction.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray());
    }

    private record FetchSupplier(java.util.function.Supplier<FetchProcessor> factory)
            implements ProcessorSupplier<byte[], byte[], byte[], InputRecord> {
        @Override
        public Processor<byte[], byte[], byte[], InputRecord> get() {
            return factory.get();
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            // Cached: a record that arrives and leaves within one commit interval never reaches the changelog.
            return Set.of(byteStore(FetchProcessor.STORE));
        }
    }

    private record WindowSupplier(java.util.function.Supplier<WindowProcessor> factory, CommitGate.Supplier gate)
            implements ProcessorSupplier<String, Observation, String, Outcome<ScoreRecord>> {
        @Override
        public Processor<String, Observation, String, Outcome<ScoreRecord>> get() {
            return factory.get();
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(byteStore(WindowProcessor.TALLIES_STORE), uncachedByteStore(WindowProcessor.SAMPLES_STORE),
                    byteStore(WindowProcessor.INDEX_STORE), Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(StreamClocks.STORE), Serdes.String(), Serdes.Long())
                            .withCachingEnabled(), gate.storeBuilder());
        }
    }

    private record AlertSupplier(java.util.function.Supplier<AlertProcessor> factory, CommitGate.Supplier gate)
            implements ProcessorSupplier<String, ScoreRecord, String, AlertRecord> {
        @Override
        public Processor<String, ScoreRecord, String, AlertRecord> get() {
            return factory.get();
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AlertProcessor.STORE),
                    Serdes.String(), new JsonSerde<>(AlertState.class)), gate.storeBuilder());
        }
    }

    /** A processor and the stores it owns (its {@link CommitGate}; the extraction stage's {@link DecodeGate}). */
    private record GatedSupplier<KIn, VIn, KOut, VOut>(
            java.util.function.Supplier<Processor<KIn, VIn, KOut, VOut>> factory, Set<StoreBuilder<?>> stores)
            implements ProcessorSupplier<KIn, VIn, KOut, VOut> {
        @Override
        public Processor<KIn, VIn, KOut, VOut> get() {
            return factory.get();
        }
    }

    /** Names of the topics the application reads and writes (for creating them, and for tests). */
    public static List<String> topicNames(MonitorConfig config) {
        MonitorConfig.Topics t = config.topics();
        return List.of(t.events(), t.deadLetter(), t.scores(), t.alerts());
    }
}
