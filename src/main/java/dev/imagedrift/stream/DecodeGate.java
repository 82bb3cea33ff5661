package dev.imagedrift.stream;

import dev.imagedrift.window.DecodeCap;
import dev.imagedrift.window.DecodeGateState;
import dev.imagedrift.window.SamplePriority;
import dev.imagedrift.window.WindowAssigner;
import dev.imagedrift.window.WindowKeys;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;

/**
 * The extraction stage's half of sampling before decoding. For each (stream, window) it keeps a
 * {@link DecodeGateState} in a changelogged store (so a restarted or moved task makes the same
 * choices, and under exactly-once the state commits with the records it let through): the events
 * read, the window's decode cap, and a bound on the k-th smallest priority among the images
 * decoded here. An image is decoded only if, in one of its windows, its priority is at most both;
 * otherwise no decode can change that window's sample, and the event is forwarded counted only.
 *
 * <p>Nothing here assumes the input is keyed by stream: a stream spread over several partitions
 * has a state in each, each bounding the k-th smallest of a subset of the window, which is never
 * below the whole window's. Keyed by stream (one partition per stream) decodes least.
 *
 * <p>States are dropped once this task's event time is a window length plus the grace past their
 * end (a window's successor reads its count when it opens). Dropping one early (an event from a
 * clock running ahead, within {@code window.max-clock-skew}) only means decoding more: a window
 * with no state decodes everything until it has k again.
 */
final class DecodeGate {
    static final String STORE = "decode-gate";

    private final WindowAssigner assigner;
    private final SamplePriority priorities;
    private final int k;
    private final long graceMs;
    private final long advanceMs;
    private KeyValueStore<Bytes, byte[]> store;
    /** Largest event time this instance has let through; drives the clean-up (not restored: starts again). */
    private long maxEventTime = Long.MIN_VALUE;
    private long purgedUpTo = Long.MIN_VALUE;

    DecodeGate(WindowAssigner assigner, Duration advance, Duration grace, SamplePriority priorities, int k) {
        this.assigner = assigner;
        this.priorities = priorities;
        this.k = k;
        this.graceMs = grace.toMillis();
        this.advanceMs = advance.toMillis();
    }

    void init(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** What the windows of an event say, before anything is decoded or written. */
    Admission admit(String stream, long timestampMs, SourcePosition source) {
        long[] starts = assigner.windowStartsFor(timestampMs);
        Bytes[] keys = new Bytes[starts.length];
        DecodeGateState[] states = new DecodeGateState[starts.length];
        long[] eventPriorities = new long[starts.length];
        boolean mayEnter = false;
        long cap = DecodeCap.NONE;
        for (int i = 0; i < starts.length; i++) {
            keys[i] = key(stream, starts[i]);
            byte[] bytes = store.get(keys[i]);
            states[i] = bytes == null ? DecodeGateState.open(previousCount(stream, starts[i]), k)
                    : DecodeGateState.decode(bytes, k);
            eventPriorities[i] = priorities.of(stream, starts[i], source.partition(), source.offset());
            mayEnter |= states[i].mayEnter(eventPriorities[i]);
            cap = DecodeCap.min(cap, states[i].cap());
        }
        return new Admission(keys, states, eventPriorities, mayEnter, cap, timestampMs);
    }

    /** Records the event: counted in each of its windows, and its priorities if it was decoded and measured. */
    void settle(Admission a, boolean measured) {
        for (int i = 0; i < a.keys.length; i++) {
            a.states[i].counted();
            if (measured) {
                a.states[i].decoded(a.priorities[i]);
            }
            store.put(a.keys[i], a.states[i].encode());
        }
        maxEventTime = Math.max(maxEventTime, a.timestampMs);
        purgeOldStates();
    }

    private long previousCount(String stream, long windowStart) {
        byte[] previous = store.get(key(stream, windowStart - assigner.sizeMs()));
        return previous == null ? 0 : DecodeGateState.decode(previous, k).count();
    }

    private Bytes key(String stream, long windowStart) {
        // Ordered by window end, so the clean-up reads only the stale front of the store.
        return Bytes.wrap(WindowKeys.index(windowStart + assigner.sizeMs(), windowStart, stream));
    }

    private void purgeOldStates() {
        long cutoff = maxEventTime - assigner.sizeMs() - graceMs;
        if (cutoff < purgedUpTo + advanceMs) {
            return; // at most one scan per window advance
        }
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> e = it.next();
                if (WindowKeys.parseIndex(e.key.get()).windowEnd() > cutoff) {
                    break;
                }
                store.delete(e.key);
            }
        }
        purgedUpTo = cutoff;
    }

    /** An event's windows: whether it may enter any of their samples, and the smallest cap among them. */
    static final class Admission {
        private final Bytes[] keys;
        private final DecodeGateState[] states;
        private final long[] priorities;
        private final boolean mayEnter;
        private final long cap;
        private final long timestampMs;

        private Admission(Bytes[] keys, DecodeGateState[] states, long[] priorities, boolean mayEnter, long cap,
                          long timestampMs) {
            this.keys = keys;
            this.states = states;
            this.priorities = priorities;
            this.mayEnter = mayEnter;
            this.cap = cap;
            this.timestampMs = timestampMs;
        }

        boolean mayEnter() { return mayEnter; }

        long cap() { return cap; }
    }
}
