package dev.imagedrift.app;

import dev.imagedrift.metrics.HealthServer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness and readiness of one monitor, as {@code /healthz} and {@code /readyz} report them.
 * Live unless the Streams client has failed (ERROR, or stopped while nobody asked it to) or its
 * threads kept failing (more replacements within the period than allowed): then restarting the
 * process is the remedy. Ready only while RUNNING and connected to the cluster.
 */
final class MonitorHealth {
    private final KafkaStreams streams;
    private final StreamThreadFailures threads;
    private final int maxReplacements;
    private final ClusterReachability reachability;
    private volatile boolean closing;

    MonitorHealth(KafkaStreams streams, StreamThreadFailures threads, int maxReplacements,
                  ClusterReachability reachability) {
        this.streams = streams;
        this.threads = threads;
        this.maxReplacements = maxReplacements;
        this.reachability = reachability;
    }

    void closing() {
        closing = true;
    }

    HealthServer.Readiness liveness() {
        KafkaStreams.State s = streams.state();
        if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR) {
            return new HealthServer.Readiness(false, "kafka streams " + s + (threads.gaveUp()
                    ? ": stream threads kept failing (see the log)" : ": see the log"));
        }
        if (!closing && (s == KafkaStreams.State.NOT_RUNNING || s == KafkaStreams.State.PENDING_SHUTDOWN)) {
            return new HealthServer.Readiness(false, "kafka streams " + s + " but the monitor was not stopped");
        }
        int recent = threads.recentReplacements();
        if (recent > maxReplacements || threads.gaveUp()) {
            return new HealthServer.Readiness(false, recent + " stream threads replaced recently (at most "
                    + maxReplacements + " allowed)");
        }
        return new HealthServer.Readiness(true, "kafka streams " + s + ", " + recent + " thread replacements recently");
    }

    HealthServer.Readiness readiness() {
        KafkaStreams.State s = streams.state();
        long unreached = reachability.unreachedMillis();
        if (s == KafkaStreams.State.RUNNING && unreached > 0) {
            return new HealthServer.Readiness(false, "kafka streams " + s + " but no connection to the Kafka cluster at "
                    + reachability.bootstrapServers() + " for " + unreached / 1000 + " s");
        }
        return new HealthServer.Readiness(s == KafkaStreams.State.RUNNING, "kafka streams " + s);
    }
}
