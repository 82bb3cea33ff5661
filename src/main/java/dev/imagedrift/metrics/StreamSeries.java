package dev.imagedrift.metrics;

import io.prometheus.metrics.core.metrics.StatefulMetric;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-stream series of metric families that one kind of activity updates, and their expiry.
 * A stream's series disappear once it has had no update for {@code staleAfter}: after a rebalance
 * the pod that lost the stream stops reporting its last values (a stale alert gauge would keep an
 * alert firing). Every family must have {@code stream} as its first label. Updates and the expiry
 * of one stream are atomic with respect to each other, so an expiry never drops a fresh value.
 */
final class StreamSeries {
    private final List<StatefulMetric<?, ?>> families;
    private final List<StatefulMetric<?, ?>> zeroAtStart;
    private final Duration staleAfter;
    private final Clock clock;
    /** Stream to the clock's millis at its last update. */
    private final Map<String, Long> lastUpdate = new ConcurrentHashMap<>();

    /**
     * @param families    every family of the group (stream as first label)
     * @param zeroAtStart those of them (single-label counters) whose series start at 0 when a stream first appears
     * @param staleAfter  idle time after which a stream's series are removed; null = never
     */
    StreamSeries(List<? extends StatefulMetric<?, ?>> families, List<? extends StatefulMetric<?, ?>> zeroAtStart,
                 Duration staleAfter, Clock clock) {
        if (!families.containsAll(zeroAtStart)) {
            throw new IllegalArgumentException("zeroAtStart must be families of the group");
        }
        if (staleAfter != null && (staleAfter.isZero() || staleAfter.isNegative())) {
            throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
        }
        this.families = List.copyOf(families);
        this.zeroAtStart = List.copyOf(zeroAtStart);
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** Runs {@code update} (which sets this stream's series) and marks the stream as active now. */
    void update(String stream, Runnable update) {
        lastUpdate.compute(stream, (s, previous) -> {
            if (previous == null) {
                // Known series start at 0, so the first increment shows in increase() and the
                // family has samples before anything went wrong.
                zeroAtStart.forEach(family -> family.initLabelValues(s));
            }
            update.run();
            return clock.millis();
        });
    }

    /** Removes every series of the streams idle for {@code staleAfter} or longer; returns those streams. */
    Set<String> expire() {
        Set<String> removed = new TreeSet<>();
        if (staleAfter == null) {
            return removed;
        }
        long now = clock.millis();
        for (String stream : new ArrayList<>(lastUpdate.keySet())) {
            lastUpdate.computeIfPresent(stream, (s, last) -> {
                if (now - last < staleAfter.toMillis()) {
                    return last;
                }
                families.forEach(family -> family.removeIf(labels -> labels.get(0).equals(s)));
                removed.add(s);
                return null;
            });
        }
        return removed;
    }

    /** Streams whose series are on show. */
    Set<String> streams() {
        return new TreeSet<>(lastUpdate.keySet());
    }
}
