package dev.imagedrift.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which input record each stream thread is working on, and how often a record's
 * processing stopped its thread, so that a record that kills the thread every time (an
 * {@code Error} the extract stage does not catch, a bug in a later stage) is dead-lettered after
 * {@code maxAttempts} tries instead of being retried forever.
 *
 * <p>Why in this process's memory: when a thread dies, Kafka Streams closes its tasks dirty and,
 * under exactly-once, throws away every state-store write since the last commit, so a count kept in
 * a changelogged store would roll back together with the failure it counts. A replaced thread runs
 * in the same process and usually gets the same partitions back, so it sees the count. If the
 * partition moves to another instance, that instance starts again from zero: a poison record costs
 * at most {@code maxAttempts} thread failures per instance. Keyed by topic, partition and offset,
 * bounded to the {@value #MAX_TRACKED} most recent failures.
 */
public final class RecordFailures {
    static final int MAX_TRACKED = 10_000;

    /** How often one record stopped a thread, and the last error. */
    public record Failure(int count, String lastError) {}

    private final int maxAttempts;
    private final Map<Thread, SourcePosition> inFlight = new ConcurrentHashMap<>();
    private final Map<SourcePosition, Failure> failures = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SourcePosition, Failure> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    public RecordFailures(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The calling stream thread starts on this record. Not cleared on failure: the thread's death handler reads it. */
    void begin(SourcePosition record) {
        if (record.topic() != null) {
            inFlight.put(Thread.currentThread(), record);
        }
    }

    /** The calling thread finished its record (whatever the outcome, it did not die on it). */
    void end() {
        SourcePosition done = inFlight.remove(Thread.currentThread());
        if (done != null) {
            synchronized (failures) {
                if (!failures.isEmpty()) {
                    failures.remove(done);
                }
            }
        }
    }

    /**
     * The calling stream thread is dying of {@code error}: blames the record it was working on.
     * Call from the uncaught-exception handler, which Kafka Streams runs on the failing thread.
     *
     * @return the record blamed and its failure count, or null when the thread was between records
     */
    public Map.Entry<SourcePosition, Failure> threadFailed(Throwable error) {
        SourcePosition record = inFlight.remove(Thread.currentThread());
        if (record == null) {
            return null;
        }
        synchronized (failures) {
            Failure before = failures.get(record);
            Failure now = new Failure(before == null ? 1 : before.count() + 1, describe(error));
            failures.put(record, now);
            return Map.entry(record, now);
        }
    }

    /** The failures of this record when they reached {@code maxAttempts} (then it must not be processed again), else null. */
    Failure exhausted(SourcePosition record) {
        synchronized (failures) {
            if (failures.isEmpty()) {
                return null;
            }
            Failure f = failures.get(record);
            return f != null && f.count() >= maxAttempts ? f : null;
        }
    }

    /** The dead-letter message of a record given up on. */
    String message(Failure f) {
        return "processing this record stopped the stream thread " + f.count() + " times (reliability.max-record-attempts "
                + maxAttempts + "); the last error: " + f.lastError();
    }

    /** The error's class and message, and its cause's, bounded: it ends up in a dead-letter header. */
    static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        Throwable t = error;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) out.append("; caused by ");
            out.append(t.getClass().getName());
            if (t.getMessage() != null) {
                String m = t.getMessage();
                out.append(": ").append(m, 0, Math.min(m.length(), 300));
            }
        }
        return out.toString();
    }
}
