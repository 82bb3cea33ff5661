package dev.imagedrift.stream;

import dev.imagedrift.reference.ReferenceSet;
import dev.imagedrift.detect.CombinedDetector;
import dev.imagedrift.detect.CombinedResult;
import dev.imagedrift.detect.DriftDetector;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.Samples;
import dev.imagedrift.window.BottomKReservoir;
import dev.imagedrift.window.SampleCodec;
import dev.imagedrift.window.SamplePriority;
import dev.imagedrift.window.WindowTally;
import dev.imagedrift.window.WindowAssigner;
import dev.imagedrift.window.WindowKeys;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Second stage, per stream: keeps a seeded bottom-k sample of observations for each event-time
 * window ({@link BottomKReservoir}), counts every event, decoded or not, and when stream time
 * passes a window's end plus grace, runs the detector on it once and emits its score record.
 * State lives in three changelogged stores (exactly-once safe across restarts and rebalances): a
 * small tally per window, one entry per kept sample ordered by priority, and an index of open
 * windows ordered by end time (besides each stream's clock, {@link StreamClocks}). The state written
 * per event is one tally, plus a sample only when the event enters the sample, whatever the window
 * size.
 */
final class WindowProcessor implements Processor<String, Observation, String, Outcome<ScoreRecord>> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WindowProcessor.class);
    // Renamed when the sample became bottom-k by priority (new formats; README, "Windows and state").
    static final String TALLIES_STORE = "window-tallies";
    static final String SAMPLES_STORE = "window-reservoir";
    static final String INDEX_STORE = "window-index";
    private static final byte[] EMPTY = new byte[0];

    private final WindowAssigner assigner;
    private final long graceMs;
    private final BottomKReservoir reservoir;
    private final SamplePriority priorities;
    private final ReferenceSet references;
    private final DriftDetector detector;
    private final CommitGate.Supplier gates;
    private final RecordFailures failures;
    private final long maxClockSkewMs;
    private final int maxStreams;
    /** Both tests, for streams whose reference has embeddings (the same settings as {@code detector}). */
    private final CombinedDetector combined;
    private final Duration closeBudget;
    private final Duration punctuateInterval;
    private final Clock clock;
    private final List<String> propertyNames;

    private ProcessorContext<String, Outcome<ScoreRecord>> context;
    private KeyValueStore<Bytes, byte[]> tallies;
    private KeyValueStore<Bytes, byte[]> samples;
    private KeyValueStore<Bytes, byte[]> index;
    private StreamClocks clocks;
    private MonitorListener listener;
    /** End of the oldest open window, so most events skip the index scan; null = unknown (read the index). */
    private Long earliestOpenEnd;
    /** The same per stream (absent = unknown), so most events skip their stream's scan. */
    private final java.util.Map<String, Long> earliestOpenEndOf = new java.util.HashMap<>();
    /** Wall-clock millis of the last time quiet streams were forgotten. */
    private long lastForget;

    WindowProcessor(WindowAssigner assigner, Duration grace, BottomKReservoir reservoir, SamplePriority priorities,
                    ReferenceSet references, DriftDetector detector, CommitGate.Supplier gates,
                    RecordFailures failures, Duration maxClockSkew, int maxStreams, Duration closeBudget,
                    Duration punctuateInterval, Clock clock) {
        this.assigner = assigner;
        this.graceMs = grace.toMillis();
        this.reservoir = reservoir;
        this.priorities = priorities;
        this.references = references;
        this.detector = detector;
        this.gates = gates;
        this.failures = failures;
        this.maxClockSkewMs = maxClockSkew.toMillis();
        this.maxStreams = maxStreams;
        this.combined = new CombinedDetector(detector.settings());
        this.closeBudget = closeBudget;
        this.punctuateInterval = punctuateInterval;
        this.clock = clock;
        this.propertyNames = references.propertyNames();
    }

    @Override
    public void init(ProcessorContext<String, Outcome<ScoreRecord>> context) {
        this.context = context;
        this.tallies = context.getStateStore(TALLIES_STORE);
        this.samples = context.getStateStore(SAMPLES_STORE);
        this.index = context.getStateStore(INDEX_STORE);
        this.clocks = new StreamClocks(context.getStateStore(StreamClocks.STORE), maxClockSkewMs, maxStreams);
        this.listener = gates.open(context);
        // Closing is bounded per call; the punctuator finishes a backlog without waiting for new events.
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
            long partitionTime = context.currentStreamTimeMs();
            closeDueWindows(clocks.floor(partitionTime));
            if (now - lastForget >= FORGET_INTERVAL.toMillis()) {
                lastForget = now;
                clocks.forgetQuiet(partitionTime).forEach(earliestOpenEndOf::remove);
            }
        });
    }

    /** How often streams gone quiet are forgotten (a scan of the stream-clock store). */
    static final Duration FORGET_INTERVAL = Duration.ofSeconds(10);

    @Override
    public void process(Record<String, Observation> record) {
        SourcePosition position = SourcePosition.of(context);
        failures.begin(position);
        RecordFailures.Failure given = failures.exhausted(position);
        if (given != null) {
            LOG.error("record {} stopped the stream thread {} times; dead-lettered", position, given.count());
            refuse(record, DeadLetterReason.REPEATED_FAILURE, failures.message(given));
        } else {
            window(record);
        }
        failures.end();
    }

    private void window(Record<String, Observation> record) {
        Observation o = record.value();
        long partitionTime = context.currentStreamTimeMs();
        if (!clocks.admit(o.stream(), o.timestampMs())) {
            refuse(record, DeadLetterReason.TOO_MANY_STREAMS, "stream " + EventIdentifiers.quote(o.stream())
                    + " is new and this partition already tracks " + clocks.maxStreams()
                    + " streams (window.max-streams)");
            closeDueWindows(clocks.floor(partitionTime));
            return;
        }
        long closeTime = clocks.closeTime(o.stream(), partitionTime);
        boolean kept = false;
        for (long start : assigner.windowStartsFor(o.timestampMs())) {
            if (isClosed(start + assigner.sizeMs(), closeTime)) {
                continue;
            }
            add(o, start);
            kept = true;
        }
        if (!kept) {
            late(record, closeTime);
        }
        closeDueWindowsOf(o.stream(), closeTime);
        closeDueWindows(clocks.floor(partitionTime));
    }

    private boolean isClosed(long windowEnd, long streamTime) {
        return windowEnd != Long.MAX_VALUE && windowEnd + graceMs <= streamTime; // MAX_VALUE: no open window
    }

    private void add(Observation o, long windowStart) {
        byte[] windowKey = WindowKeys.window(o.stream(), windowStart);
        Bytes tallyKey = Bytes.wrap(windowKey);
        byte[] tallyBytes = tallies.get(tallyKey);
        if (tallyBytes == null) {
            long end = windowStart + assigner.sizeMs();
            if (earliestOpenEnd != null && end < earliestOpenEnd) {
                earliestOpenEnd = end;
            }
            earliestOpenEndOf.computeIfPresent(o.stream(), (s, e) -> Math.min(e, end));
            index.put(Bytes.wrap(WindowKeys.index(windowStart + assigner.sizeMs(), windowStart, o.stream())), EMPTY);
        }
        WindowTally tally = tallyBytes == null ? WindowTally.EMPTY : WindowTally.decode(tallyBytes);
        long priority = priorities.of(o.stream(), windowStart, o.source().partition(), o.source().offset());
        byte[] sample = o.isMeasured() ? SampleCodec.encode(o.id(), o.values(), o.embedding()) : null;
        tallies.put(tallyKey, reservoir.offer(tally, priority, sample, o.decodeCap(), new StoredSamples(windowKey))
                .encode());
    }

    /** One window's samples in the samples store. */
    private final class StoredSamples implements BottomKReservoir.Samples {
        private final byte[] windowKey;

        StoredSamples(byte[] windowKey) {
            this.windowKey = windowKey;
        }

        @Override
        public void put(long priority, byte[] sample) {
            samples.put(Bytes.wrap(WindowKeys.sample(windowKey, priority)), sample);
        }

        @Override
        public void delete(long priority) {
            samples.delete(Bytes.wrap(WindowKeys.sample(windowKey, priority)));
        }

        @Override
        public long largest() {
            try (KeyValueIterator<Bytes, byte[]> it = samples.reverseRange(Bytes.wrap(WindowKeys.firstSample(windowKey)),
                    Bytes.wrap(WindowKeys.lastSample(windowKey)))) {
                return WindowKeys.samplePriority(it.next().key.get());
            }
        }
    }

    private void late(Record<String, Observation> record, long closeTime) {
        listener.lateRecord(record.value().stream());
        refuse(record, DeadLetterReason.LATE, "event time " + Instant.ofEpochMilli(record.value().timestampMs())
                + " is after the close of every window it belongs to (the stream's time " + Instant.ofEpochMilli(closeTime)
                + ", grace " + Duration.ofMillis(graceMs) + ")");
    }

    /** Dead-letters an observation as a precomputed-properties event, which can be replayed as is. */
    private void refuse(Record<String, Observation> record, DeadLetterReason reason, String message) {
        Observation o = record.value();
        listener.deadLettered(reason);
        if (!o.isMeasured()) {
            message += "; its image was not decoded (it could not have entered a sample): the source headers "
                    + "name the original record";
        }
        // The observation's own source: the record the producer wrote, not the repartition topic.
        DeadLetter d = new DeadLetter(o.stream().getBytes(StandardCharsets.UTF_8), LateEventJson.of(o, propertyNames),
                reason, message, o.source());
        context.forward(new Record<String, Outcome<ScoreRecord>>(o.stream(), Outcome.dead(d), record.timestamp()));
    }

    /** Evaluates the windows of one stream whose end + grace has passed its close time. */
    private void closeDueWindowsOf(String stream, long closeTime) {
        Long earliest = earliestOpenEndOf.get(stream);
        if (earliest != null && !isClosed(earliest, closeTime)) {
            return;
        }
        List<WindowKeys.IndexEntry> due = new ArrayList<>();
        long remaining = Long.MAX_VALUE;
        try (KeyValueIterator<Bytes, byte[]> it = tallies.range(Bytes.wrap(WindowKeys.window(stream, 0)),
                Bytes.wrap(WindowKeys.window(stream, Long.MAX_VALUE)))) {
            while (it.hasNext()) {
                long start = WindowKeys.windowStart(it.next().key.get());
                long end = start + assigner.sizeMs();
                if (isClosed(end, closeTime)) {
                    due.add(new WindowKeys.IndexEntry(end, start, stream));
                } else {
                    remaining = Math.min(remaining, end);
                }
            }
        }
        due.forEach(this::close);
        earliestOpenEndOf.put(stream, remaining);
    }

    /** Evaluates windows whose end + grace has passed {@code streamTime}, oldest first, within the time budget. */
    private void closeDueWindows(long streamTime) {
        if (earliestOpenEnd != null && !isClosed(earliestOpenEnd, streamTime)) {
            return;
        }
        long deadline = System.nanoTime() + closeBudget.toNanos();
        while (System.nanoTime() < deadline) {
            WindowKeys.IndexEntry due = oldestDue(streamTime);
            if (due == null) {
                return;
            }
            close(due);
        }
    }

    private WindowKeys.IndexEntry oldestDue(long streamTime) {
        try (KeyValueIterator<Bytes, byte[]> it = index.all()) {
            if (!it.hasNext()) {
                earliestOpenEnd = Long.MAX_VALUE;
                return null;
            }
            WindowKeys.IndexEntry e = WindowKeys.parseIndex(it.next().key.get());
            earliestOpenEnd = e.windowEnd();
            return isClosed(e.windowEnd(), streamTime) ? e : null;
        }
    }

    private void close(WindowKeys.IndexEntry w) {
        byte[] windowKey = WindowKeys.window(w.stream(), w.windowStart());
        byte[] tallyBytes = tallies.get(Bytes.wrap(windowKey));
        index.delete(Bytes.wrap(WindowKeys.index(w.windowEnd(), w.windowStart(), w.stream())));
        earliestOpenEndOf.remove(w.stream());
        if (tallyBytes == null) {
            // Only an index entry left by a version that kept its tallies under another store name.
            LOG.info("window {}..{} of stream {} has no tally (state of an earlier version); not scored",
                    Instant.ofEpochMilli(w.windowStart()), Instant.ofEpochMilli(w.windowEnd()), w.stream());
            return;
        }
        WindowTally tally = WindowTally.decode(tallyBytes);
        List<Bytes> sampleKeys = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<String> embeddingIds = new ArrayList<>();
        List<double[]> embeddingRows = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = samples.range(Bytes.wrap(WindowKeys.firstSample(windowKey)),
                Bytes.wrap(WindowKeys.lastSample(windowKey)))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                sampleKeys.add(kv.key);
                if (!tally.inFinalSample(WindowKeys.samplePriority(kv.key.get()))) {
                    continue;
                }
                SampleCodec.Sample s = SampleCodec.decode(kv.value);
                // An event with only an embedding has no property row, and one with only an image no embedding row.
                if (s.values().length > 0) {
                    ids.add(s.id());
                    rows.add(s.values());
                }
                if (s.embedding() != null) {
                    embeddingIds.add(s.id());
                    embeddingRows.add(s.embedding());
                }
            }
        }
        ReferenceSet.Reference reference = references.forStream(w.stream());
        Samples current = new Samples(propertyNames, rows.toArray(new double[0][]), ids);
        long started = System.nanoTime();
        try {
            ScoreRecord score;
            Instant now;
            long detectionNanos;
            if (reference.embeddings() == null) {
                DriftResult result = detector.detect(reference.samples(), current);
                detectionNanos = System.nanoTime() - started;
                now = clock.instant();
                score = ScoreRecord.of(w.stream(), w.windowStart(), w.windowEnd(), tally.count(), result,
                        reference.contentVersion(), now, detectionNanos / 1_000_000);
            } else {
                Samples reduced = new Samples(reference.embeddings().projection().componentNames(),
                        embeddingRows.toArray(new double[0][]), embeddingIds);
                CombinedResult result = combined.detect(reference.samples(), current, reference.embeddingSamples(),
                        reduced);
                detectionNanos = System.nanoTime() - started;
                now = clock.instant();
                score = ScoreRecord.of(w.stream(), w.windowStart(), w.windowEnd(), tally.count(), result,
                        reference.embeddings(), reference.contentVersion(), now, detectionNanos / 1_000_000);
            }
            listener.windowEvaluated(score, detectionNanos,
                    Math.max(0, now.toEpochMilli() - (w.windowEnd() + graceMs)));
            context.forward(new Record<>(w.stream(), Outcome.ok(score), w.windowEnd()));
            // Results become visible at the next commit: ask for it now rather than at the next interval.
            context.commit();
        } catch (Throwable e) { // deliberately: an Error on one window (see FatalErrors) must not stop every stream
            FatalErrors.rethrowIfFatal(e);
            // A detector bug on one window must not stop every stream: log it, count it, drop the window.
            LOG.error("detection failed for stream {} window {}..{}; the window is dropped", w.stream(),
                    Instant.ofEpochMilli(w.windowStart()), Instant.ofEpochMilli(w.windowEnd()), e);
            listener.windowFailed(w.stream());
        }
        for (Bytes k : sampleKeys) {
            samples.delete(k);
        }
        tallies.delete(Bytes.wrap(windowKey));
    }
}
