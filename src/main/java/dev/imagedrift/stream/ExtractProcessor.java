package dev.imagedrift.stream;

import dev.imagedrift.window.DecodeCap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First stage: parses each input record's envelope (id, stream, event time) and, if its image can
 * still enter one of its windows' samples ({@link DecodeGate}), decodes it and computes its
 * properties. Emits the observation keyed by stream with the event time as record timestamp
 * (counted only, when not decoded), and a dead letter saying why for a record that cannot be
 * used. Nothing thrown here reaches Kafka Streams.
 */
final class ExtractProcessor implements Processor<byte[], byte[], String, Outcome<Observation>> {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractProcessor.class);

    private final EventParser parser;
    private final PropertyExtractor extractor;
    private final DecodeGate gate;
    private final MonitorListener listener;
    private final java.time.Clock clock;
    private final long maxClockSkewMs;
    private ProcessorContext<String, Outcome<Observation>> context;

    ExtractProcessor(EventParser parser, PropertyExtractor extractor, DecodeGate gate, MonitorListener listener,
                     java.time.Clock clock, java.time.Duration maxClockSkew) {
        this.parser = parser;
        this.extractor = extractor;
        this.gate = gate;
        this.listener = listener;
        this.clock = clock;
        this.maxClockSkewMs = maxClockSkew.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Outcome<Observation>> context) {
        this.context = context;
        gate.init(context.getStateStore(DecodeGate.STORE));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        SourcePosition source = SourcePosition.of(context);
        long started = System.nanoTime();
        try {
            ImageEvent event = parser.parse(record.key(), record.value(), record.headers(), record.timestamp(),
                    source.toString());
            long ahead = event.timestampMs() - clock.millis();
            if (ahead > maxClockSkewMs) {
                throw new RejectedEvent(DeadLetterReason.BAD_TIMESTAMP, "event time "
                        + java.time.Instant.ofEpochMilli(event.timestampMs()) + " is " + ahead / 1000
                        + " s ahead of the monitor's clock (window.max-clock-skew "
                        + java.time.Duration.ofMillis(maxClockSkewMs) + ")");
            }
            if (event.properties() != null) {
                // Nothing to decode: precomputed values are always measured (and bypass the gate).
                forward(Observation.measured(event.id(), event.stream(), event.timestampMs(), extractor.measure(event),
                        source, DecodeCap.NONE));
                listener.imageProcessed(event.stream(), System.nanoTime() - started);
                return;
            }
            DecodeGate.Admission admission = gate.admit(event.stream(), event.timestampMs(), source);
            if (!admission.mayEnter()) {
                gate.settle(admission, false);
                forward(Observation.countedOnly(event.id(), event.stream(), event.timestampMs(), source, admission.cap()));
                listener.imageNotDecoded(event.stream());
                return;
            }
            double[] values;
            try {
                values = extractor.measure(event);
            } catch (RejectedEvent | RuntimeException e) {
                // A broken image that could have entered a sample: dead-lettered, and still counted,
                // like the broken images among those never decoded (a window counts envelopes).
                gate.settle(admission, false);
                forward(Observation.countedOnly(event.id(), event.stream(), event.timestampMs(), source, admission.cap()));
                throw e;
            }
            gate.settle(admission, true);
            forward(Observation.measured(event.id(), event.stream(), event.timestampMs(), values, source,
                    admission.cap()));
            listener.imageProcessed(event.stream(), System.nanoTime() - started);
        } catch (RejectedEvent e) {
            deadLetter(record, e.reason(), e.getMessage(), source);
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure on record {}; dead-lettered", source, e);
            deadLetter(record, DeadLetterReason.INTERNAL_ERROR, e.toString(), source);
        }
    }

    private void forward(Observation o) {
        context.forward(new Record<>(o.stream(), Outcome.ok(o), o.timestampMs()));
    }

    private void deadLetter(Record<byte[], byte[]> record, DeadLetterReason reason, String message,
                            SourcePosition source) {
        listener.deadLettered(reason);
        DeadLetter d = new DeadLetter(record.key(), record.value(), reason, message, source);
        context.forward(new Record<String, Outcome<Observation>>(null, Outcome.dead(d), record.timestamp(),
                record.headers()));
    }
}
