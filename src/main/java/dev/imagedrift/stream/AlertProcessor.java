package dev.imagedrift.stream;

import dev.imagedrift.detect.AlertPolicy;
import dev.imagedrift.detect.AlertState;
import dev.imagedrift.detect.AlertStep;
import dev.imagedrift.detect.AlertTracker;
import dev.imagedrift.detect.AlertTransition;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Clock;

/**
 * Third stage, per stream: applies the alert hysteresis to each window's status and emits only
 * state changes, so a drift lasting ten windows raises one FIRING and one RESOLVED. The state is
 * in a changelogged store, so a restart neither repeats nor forgets an alert.
 */
final class AlertProcessor implements Processor<String, ScoreRecord, String, AlertRecord> {
    static final String STORE = "alert-state";

    private final AlertPolicy policy;
    private final CommitGate.Supplier gates;
    private final Clock clock;
    private MonitorListener listener;
    private ProcessorContext<String, AlertRecord> context;
    private KeyValueStore<String, AlertState> states;

    AlertProcessor(AlertPolicy policy, CommitGate.Supplier gates, Clock clock) {
        this.policy = policy;
        this.gates = gates;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, AlertRecord> context) {
        this.context = context;
        this.states = context.getStateStore(STORE);
        this.listener = gates.open(context);
    }

    @Override
    public void process(Record<String, ScoreRecord> record) {
        ScoreRecord score = record.value();
        AlertState state = states.get(score.stream());
        AlertStep step = AlertTracker.next(policy, state == null ? AlertState.initial() : state, score.status());
        states.put(score.stream(), step.state());
        AlertRecord change = null;
        if (step.transition() != AlertTransition.NONE) {
            change = new AlertRecord(AlertRecord.SCHEMA, score.stream(),
                    step.transition() == AlertTransition.FIRING ? AlertRecord.FIRING : AlertRecord.RESOLVED,
                    score.windowStart(), score.windowEnd(), score.driftScore(), score.pValue(), score.reason(),
                    describe(policy), score.referenceVersion(), clock.instant());
            context.forward(new Record<>(score.stream(), change, record.timestamp()));
        }
        listener.alertEvaluated(score.stream(), step.state().firing(), change);
    }

    static String describe(AlertPolicy p) {
        return "FIRING after " + p.fireAfter() + " of the last " + p.outOf() + " windows drifted; RESOLVED after "
                + p.resolveAfter() + " clean windows in a row";
    }
}
