package dev.imagedrift.app;

import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.stream.RecordFailures;
import dev.imagedrift.stream.SourcePosition;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * What happens when a stream thread dies: the record it was working on is blamed
 * ({@link RecordFailures}, which dead-letters it after {@code reliability.max-record-attempts}
 * tries), and the thread is replaced after a backoff that doubles with each replacement in the
 * period, so a failing dependency is not hammered. Past {@code reliability.max-thread-replacements}
 * replacements within {@code reliability.replacement-period} the failure is not going away by
 * itself: the client is shut down (Kafka Streams goes to ERROR), {@code /healthz} fails and
 * {@code run} exits, so the orchestrator restarts the process and the operator sees it.
 *
 * <p>Kafka Streams runs this handler on the failing thread; sleeping here delays only that
 * thread's replacement.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);
    /** The longest wait before a replacement. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final RecordFailures records;
    private final MonitorConfig.Reliability settings;
    private final Clock clock;
    private final Sleeper sleeper;
    /** Clock millis of the replacements within the period. */
    private final Deque<Long> replacements = new ArrayDeque<>();
    private volatile boolean gaveUp;

    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    StreamThreadFailures(RecordFailures records, MonitorConfig.Reliability settings, Clock clock, Sleeper sleeper) {
        this.records = records;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable failure) {
        Map.Entry<SourcePosition, RecordFailures.Failure> blamed = records.threadFailed(failure);
        if (blamed != null) {
            LOG.error("stream thread failed on record {} (failure {} of at most {} before it is dead-lettered)",
                    blamed.getKey(), blamed.getValue().count(), records.maxAttempts(), failure);
        } else {
            LOG.error("stream thread failed between records", failure);
        }
        Duration wait;
        synchronized (replacements) {
            long now = clock.millis();
            prune(now);
            if (replacements.size() >= settings.maxThreadReplacements()) {
                gaveUp = true;
                LOG.error("{} stream threads replaced within {} (reliability.max-thread-replacements {}): shutting the "
                                + "Kafka Streams client down; /healthz now fails", replacements.size(),
                        settings.replacementPeriod(), settings.maxThreadReplacements());
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            wait = backoff(replacements.size());
            replacements.addLast(now);
        }
        if (!wait.isZero()) {
            LOG.warn("replacing the stream thread in {}", wait);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** The wait before the replacement that follows {@code earlier} replacements in the period. */
    Duration backoff(int earlier) {
        Duration base = settings.replacementBackoff();
        if (base.isZero()) {
            return Duration.ZERO;
        }
        Duration d = base.multipliedBy(1L << Math.min(earlier, 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** Replacements within the period, now. */
    int recentReplacements() {
        synchronized (replacements) {
            prune(clock.millis());
            return replacements.size();
        }
    }

    /** True once the client was shut down for too many failures. */
    boolean gaveUp() {
        return gaveUp;
    }

    private void prune(long now) {
        while (!replacements.isEmpty() && now - replacements.peekFirst() >= settings.replacementPeriod().toMillis()) {
            replacements.removeFirst();
        }
    }
}
