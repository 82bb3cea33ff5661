package dev.imagedrift.stream;

import dev.imagedrift.fetch.FetchResult;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses each input record (handed on by the fetch stage, with its image if it names one by URI)
 * and, if its image can still enter one of its windows' samples ({@link DecodeGate}), decodes it,
 * computes its properties and embeds it when a model is configured. Emits the observation keyed by
 * stream with the event time as record timestamp (counted only, when not decoded), or a dead letter
 * saying why the record cannot be used (a failed fetch included). Events without an image to
 * decode (precomputed properties, an embedding alone) are measured as they come. Nothing thrown
 * here reaches Kafka Streams but the fatal VM errors of {@link FatalErrors}: an {@code Error} from
 * one record (out of memory, stack overflow, a linkage error) is that record's dead letter, not a
 * dead stream thread. A record that did stop the thread {@code reliability.max-record-attempts}
 * times is dead-lettered unread ({@link RecordFailures}).
 */
final class ExtractProcessor implements Processor<byte[], InputRecord, String, Outcome<Observation>> {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractProcessor.class);

    private final EventParser parser;
    private final PropertyExtractor extractor;
    private final DecodeGate gate;
    private final CommitGate.Supplier gates;
    private final RecordFailures failures;
    private final java.time.Clock clock;
    private final long maxClockSkewMs;
    private ProcessorContext<String, Outcome<Observation>> context;
    private MonitorListener listener;

    ExtractProcessor(EventParser parser, PropertyExtractor extractor, DecodeGate gate, CommitGate.Supplier gates,
                     RecordFailures failures, java.time.Clock clock, java.time.Duration maxClockSkew) {
        this.parser = parser;
        this.extractor = extractor;
        this.gate = gate;
        this.gates = gates;
        this.failures = failures;
        this.clock = clock;
        this.maxClockSkewMs = maxClockSkew.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Outcome<Observation>> context) {
        this.context = context;
        gate.init(context.getStateStore(DecodeGate.STORE));
        this.listener = gates.open(context);
    }

    @Override
    public void process(Record<byte[], InputRecord> record) {
        // Where the record was read, not the task's current record: the fetch stage may hand it on later.
        SourcePosition source = record.value().source();
        failures.begin(source);
        RecordFailures.Failure given = failures.exhausted(source);
        if (given != null) {
            LOG.error("record {} stopped the stream thread {} times; dead-lettered unread", source, given.count());
            deadLetter(record, DeadLetterReason.REPEATED_FAILURE, failures.message(given), source);
        } else {
            extract(record, source);
        }
        failures.end();
    }

    private void extract(Record<byte[], InputRecord> record, SourcePosition source) {
        long started = System.nanoTime();
        try {
            ImageEvent event = parser.parse(record.key(), record.value().value(), record.headers(), record.timestamp(),
                    source.toString());
            long ahead = event.timestampMs() - clock.millis();
            if (ahead > maxClockSkewMs) {
                throw new RejectedEvent(DeadLetterReason.BAD_TIMESTAMP, "event time "
                        + java.time.Instant.ofEpochMilli(event.timestampMs()) + " is " + ahead / 1000
                        + " s ahead of the monitor's clock (window.max-clock-skew "
                        + java.time.Duration.ofMillis(maxClockSkewMs) + ")");
            }
            if (event.imageUri() != null) {
                event = withFetchedImage(event, record.value().fetched());
            }
            if (!PropertyExtractor.decodes(event)) {
                // Nothing to decode (precomputed properties, an embedding alone): measured as they
                // come, without the gate; the window stage still samples them by priority.
                forward(extractor.extract(event, source));
                listener.imageProcessed(event.stream(), System.nanoTime() - started);
                return;
            }
            DecodeGate.Admission admission = gate.admit(event.stream(), event.timestampMs(), source);
            if (!admission.mayEnter()) {
                // Neither decoded nor embedded: it cannot enter a sample, so it is only counted.
                gate.settle(admission, false);
                forward(Observation.countedOnly(event.id(), event.stream(), event.timestampMs(), source, admission.cap()));
                listener.imageNotDecoded(event.stream());
                return;
            }
            Observation observation;
            try {
                observation = extractor.extract(event, source);
            } catch (Throwable e) {
                FatalErrors.rethrowIfFatal(e); // the thread dies; the replay reads the gate's committed state
                // A broken image (or an Error from one) that could have entered a sample: dead-lettered
                // below, and still counted, like the broken images among those never decoded (a window
                // counts envelopes).
                gate.settle(admission, false);
                forward(Observation.countedOnly(event.id(), event.stream(), event.timestampMs(), source, admission.cap()));
                throw e;
            }
            gate.settle(admission, true);
            forward(observation.withDecodeCap(admission.cap()));
            listener.imageProcessed(event.stream(), System.nanoTime() - started);
        } catch (RejectedEvent e) {
            deadLetter(record, e.reason(), e.getMessage(), source);
        } catch (Throwable e) { // deliberately: one record's Error must not kill the thread (see FatalErrors)
            FatalErrors.rethrowIfFatal(e);
            LOG.warn("unexpected failure on record {}; dead-lettered: {}", source, RecordFailures.describe(e), e);
            deadLetter(record, FatalErrors.reasonFor(e), FatalErrors.message(e), source);
        }
    }

    private static ImageEvent withFetchedImage(ImageEvent event, FetchResult fetched) throws RejectedEvent {
        if (fetched instanceof FetchResult.Fetched f) {
            return event.withImage(f.bytes());
        }
        if (fetched instanceof FetchResult.Failed f) {
            throw new RejectedEvent(DeadLetterReason.of(f.failure()), f.message());
        }
        throw new IllegalStateException("the event names an image by URI but the fetch stage fetched none");
    }

    private void forward(Observation o) {
        context.forward(new Record<>(o.stream(), Outcome.ok(o), o.timestampMs()));
    }

    private void deadLetter(Record<byte[], InputRecord> record, DeadLetterReason reason, String message,
                            SourcePosition source) {
        listener.deadLettered(reason);
        DeadLetter d = new DeadLetter(record.key(), record.value().value(), reason, message, source);
        context.forward(new Record<String, Outcome<Observation>>(null, Outcome.dead(d), record.timestamp(),
                record.headers()));
    }
}
