package dev.imagedrift.stream;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Holds back what a task tells the {@link MonitorListener} (the metrics) until the work it describes
 * is committed, so a record processed twice (its task failed before the commit and was replayed)
 * is counted once.
 *
 * <p>A task's processors report into this store; Kafka Streams flushes it just before it commits the
 * task ({@link #flushCache()}): what was reported so far is set aside, and passed on once that commit
 * is known to have succeeded, which is (a) the store's checkpoint after the commit
 * ({@link #commit(Map)}, on clean closes and at-least-once commits), (b) the task's next record or
 * punctuation (a failed commit closes the task, so a task that goes on committed), or (c) the
 * periodic punctuation {@link Supplier#open} schedules, for a task that has gone quiet. A task closed
 * dirty (its thread died, or the commit failed) closes the store without either, and the reports of
 * its uncommitted work are dropped: the replay reports them again.
 *
 * <p>Under exactly-once this counts each record once. Under at-least-once nothing is replayed
 * after a commit, so it counts what the output holds. The store is in memory and has no changelog;
 * it implements Kafka Streams' internal {@link CachedStateStore}, the one store type whose flush
 * is called at every commit (the public {@link StateStore#flush()} is not, under exactly-once).
 */
final class CommitGate implements StateStore, CachedStateStore<Object, Object> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CommitGate.class);
    /** How often a quiet task passes on reports of committed work. */
    static final Duration PUBLISH_INTERVAL = Duration.ofSeconds(1);

    private final String name;
    private final MonitorListener target;
    private List<Consumer<MonitorListener>> pending = new ArrayList<>();
    private List<Consumer<MonitorListener>> committing = new ArrayList<>();
    private boolean open;

    CommitGate(String name, MonitorListener target) {
        this.name = name;
        this.target = target;
    }

    /** Reports of work that is not yet committed. */
    private void report(Consumer<MonitorListener> event) {
        publishCommitted();
        pending.add(event);
    }

    /** Passes on what was set aside at the last flush: the commit that followed it succeeded. */
    void publishCommitted() {
        if (committing.isEmpty()) {
            return;
        }
        List<Consumer<MonitorListener>> done = committing;
        committing = new ArrayList<>();
        for (Consumer<MonitorListener> e : done) {
            try {
                e.accept(target);
            } catch (RuntimeException failure) {
                // A metrics bug must not fail the task (this runs inside Kafka Streams' commit).
                LOG.warn("a listener failed on a committed report; the report is skipped", failure);
            }
        }
    }

    @Override
    public void flushCache() {
        publishCommitted();
        committing = pending;
        pending = new ArrayList<>();
    }

    @Override
    public void commit(Map<org.apache.kafka.common.TopicPartition, Long> changelogOffsets) {
        publishCommitted();
    }

    @Override
    public void clearCache() {
        pending.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void close() {
        // Closed dirty or clean, what is left was not (known to be) committed: the replay reports it.
        pending.clear();
        committing.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** The listener a processor reports to: every call is held back until committed. */
    MonitorListener listener() {
        return new MonitorListener() {
            @Override
            public void imageProcessed(String stream, long extractionNanos) {
                report(l -> l.imageProcessed(stream, extractionNanos));
            }

            @Override
            public void imageNotDecoded(String stream) {
                report(l -> l.imageNotDecoded(stream));
            }

            @Override
            public void deadLettered(DeadLetterReason reason) {
                report(l -> l.deadLettered(reason));
            }

            @Override
            public void lateRecord(String stream) {
                report(l -> l.lateRecord(stream));
            }

            @Override
            public void windowEvaluated(ScoreRecord score, long detectionNanos, long latencyMillis) {
                report(l -> l.windowEvaluated(score, detectionNanos, latencyMillis));
            }

            @Override
            public void windowFailed(String stream) {
                report(l -> l.windowFailed(stream));
            }

            @Override
            public void alertEvaluated(String stream, boolean firing, AlertRecord change) {
                report(l -> l.alertEvaluated(stream, firing, change));
            }
        };
    }

    /** One gate per processor kind: its store builder, and the listener a processor instance reports to. */
    static final class Supplier {
        private final String storeName;
        private final MonitorListener target;

        Supplier(String storeName, MonitorListener target) {
            this.storeName = storeName;
            this.target = target;
        }

        String storeName() {
            return storeName;
        }

        StoreBuilder<CommitGate> storeBuilder() {
            return new Builder(storeName, target);
        }

        /** The gated listener of this processor's task; schedules the publication for quiet tasks. */
        MonitorListener open(ProcessorContext<?, ?> context) {
            CommitGate gate = context.getStateStore(storeName);
            context.schedule(PUBLISH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> gate.publishCommitted());
            return gate.listener();
        }
    }

    private static final class Builder implements StoreBuilder<CommitGate> {
        private final String name;
        private final MonitorListener target;

        Builder(String name, MonitorListener target) {
            this.name = name;
            this.target = target;
        }

        @Override
        public StoreBuilder<CommitGate> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<CommitGate> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<CommitGate> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("the commit gate has no changelog");
        }

        @Override
        public StoreBuilder<CommitGate> withLoggingDisabled() {
            return this;
        }

        @Override
        public CommitGate build() {
            return new CommitGate(name, target);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
