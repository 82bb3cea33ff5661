package dev.imagedrift.stream;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Event time per stream, and the bound on how many streams a task tracks.
 *
 * <p>Kafka Streams keeps one stream time per partition: the largest event time read. One camera
 * with a clock minutes ahead would move it forward and make every other stream's on-time events on
 * that partition late. So a stream's windows close on the stream's own time (the largest event time
 * of that stream), or, for a stream that went quiet, on the partition's time less
 * {@code window.max-clock-skew}: events further ahead than that are refused before they get here,
 * so the partition's time less the skew is never ahead of the real time, whatever one clock says.
 * A bad clock can only make its own stream's events late.
 *
 * <p>The streams known here are the ones the task tracks: at most {@code window.max-streams}. A
 * stream whose own time has fallen behind the partition's (less the skew) is forgotten (its windows
 * close on the partition's time either way), which makes room for new streams. The times live in a
 * changelogged store, so they survive restarts and move with the partition.
 */
final class StreamClocks {
    static final String STORE = "stream-clock";

    private final KeyValueStore<String, Long> times;
    private final long skewMs;
    private final int maxStreams;
    private int tracked;

    StreamClocks(KeyValueStore<String, Long> times, long skewMs, int maxStreams) {
        this.times = times;
        this.skewMs = skewMs;
        this.maxStreams = maxStreams;
        try (KeyValueIterator<String, Long> it = times.all()) {
            while (it.hasNext()) {
                it.next();
                tracked++;
            }
        }
    }

    /**
     * Notes an event of {@code stream} at {@code eventTime}; false when the stream is new and the task
     * already tracks {@code maxStreams} streams (then nothing is noted).
     */
    boolean admit(String stream, long eventTime) {
        Long own = times.get(stream);
        if (own == null) {
            if (tracked >= maxStreams) {
                return false;
            }
            tracked++;
            times.put(stream, eventTime);
        } else if (eventTime > own) {
            times.put(stream, eventTime);
        }
        return true;
    }

    /** The time the stream's windows close on: its own, or the partition's less the skew if that is later. */
    long closeTime(String stream, long partitionTime) {
        Long own = times.get(stream);
        long floor = floor(partitionTime);
        return own == null ? floor : Math.max(own, floor);
    }

    /** The partition's time less the skew: every stream's windows close on it at the latest. */
    long floor(long partitionTime) {
        return partitionTime == Long.MIN_VALUE ? Long.MIN_VALUE : partitionTime - skewMs;
    }

    int tracked() {
        return tracked;
    }

    int maxStreams() {
        return maxStreams;
    }

    /** Forgets the streams whose own time is at or behind the floor; returns them. */
    List<String> forgetQuiet(long partitionTime) {
        long floor = floor(partitionTime);
        List<String> quiet = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = times.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                if (kv.value <= floor) {
                    quiet.add(kv.key);
                }
            }
        }
        for (String s : quiet) {
            times.delete(s);
            tracked--;
        }
        return quiet;
    }
}
