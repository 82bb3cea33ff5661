package dev.imagedrift.stream;

/**
 * What the topology reports as it works; the metrics implement it. Calls come from stream
 * threads, so implementations must be thread-safe. All methods default to doing nothing.
 */
public interface MonitorListener {
    MonitorListener NONE = new MonitorListener() {};

    /** One listener that tells each of the given listeners, in order. */
    static MonitorListener all(MonitorListener... listeners) {
        java.util.List<MonitorListener> ls = java.util.Arrays.stream(listeners).filter(l -> l != NONE).toList();
        if (ls.size() == 1) {
            return ls.get(0);
        }
        return new MonitorListener() {
            @Override
            public void imageProcessed(String stream, long extractionNanos) {
                ls.forEach(l -> l.imageProcessed(stream, extractionNanos));
            }

            @Override
            public void imageNotDecoded(String stream) {
                ls.forEach(l -> l.imageNotDecoded(stream));
            }

            @Override
            public void deadLettered(DeadLetterReason reason) {
                ls.forEach(l -> l.deadLettered(reason));
            }

            @Override
            public void lateRecord(String stream) {
                ls.forEach(l -> l.lateRecord(stream));
            }

            @Override
            public void windowEvaluated(ScoreRecord score, long detectionNanos, long latencyMillis) {
                ls.forEach(l -> l.windowEvaluated(score, detectionNanos, latencyMillis));
            }

            @Override
            public void windowFailed(String stream) {
                ls.forEach(l -> l.windowFailed(stream));
            }

            @Override
            public void alertEvaluated(String stream, boolean firing, AlertRecord change) {
                ls.forEach(l -> l.alertEvaluated(stream, firing, change));
            }

            @Override
            public void imageFetched(dev.imagedrift.fetch.FetchResult result) {
                ls.forEach(l -> l.imageFetched(result));
            }

            @Override
            public void fetchesWaiting(int delta) {
                ls.forEach(l -> l.fetchesWaiting(delta));
            }
        };
    }

    /** An event's properties were computed (or its precomputed properties accepted). */
    default void imageProcessed(String stream, long extractionNanos) {}

    /** An event was counted but its image not decoded: it could not enter any of its windows' samples. */
    default void imageNotDecoded(String stream) {}

    /** An event went to the dead-letter topic. */
    default void deadLettered(DeadLetterReason reason) {}

    /** An event arrived after every window it belongs to had closed. */
    default void lateRecord(String stream) {}

    /**
     * A window was evaluated and its score record is being sent.
     *
     * @param detectionNanos time the detector took
     * @param latencyMillis  wall-clock time from the window's close (end + grace) to now
     */
    default void windowEvaluated(ScoreRecord score, long detectionNanos, long latencyMillis) {}

    /** The detector failed on a window of this stream; the window was dropped (and logged). */
    default void windowFailed(String stream) {}

    /** The alert state of a stream after a window: whether it is firing, and whether this window changed it. */
    default void alertEvaluated(String stream, boolean firing, AlertRecord change) {}

    /** The fetch stage hands on an event whose image was fetched by URI, or could not be (the result says why). */
    default void imageFetched(dev.imagedrift.fetch.FetchResult result) {}

    /** The events held by fetch stages (waiting for their image, or for one ahead of them) changed by {@code delta}. */
    default void fetchesWaiting(int delta) {}
}
