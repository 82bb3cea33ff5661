package dev.imagedrift.app;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Notices a Kafka cluster the monitor cannot reach. Kafka Streams itself waits forever (a client
 * started against an unreachable broker sits in REBALANCING); this says so in the log every
 * {@value #LOG_EVERY_SECONDS} s, naming the bootstrap servers, and reports a failure once the
 * cluster has not been reached for {@code reliability.unreachable-timeout}. Reached means: the
 * client is RUNNING, or one of its Kafka clients has an open connection (their
 * {@code connection-count} metric), so no extra client and no extra credentials are needed.
 */
final class ClusterReachability {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterReachability.class);
    static final long LOG_EVERY_SECONDS = 15;

    private final KafkaStreams streams;
    private final String bootstrapServers;
    private final Duration timeout;
    private final Clock clock;
    private long lastReached;
    private long lastLogged;

    ClusterReachability(KafkaStreams streams, String bootstrapServers, Duration timeout, Clock clock) {
        this.streams = streams;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.clock = clock;
        this.lastReached = clock.millis();
    }

    /** Looks once; a failure message when the cluster has been out of reach for too long. */
    Optional<String> check() {
        long now = clock.millis();
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.RUNNING || connections(streams) > 0) {
            lastReached = now;
            return Optional.empty();
        }
        if (!state.isRunningOrRebalancing()) {
            return Optional.empty(); // starting, closing or failed: not a question of reach
        }
        long unreached = now - lastReached;
        if (unreached >= timeout.toMillis()) {
            return Optional.of("cannot reach the Kafka cluster at " + bootstrapServers + " for "
                    + Duration.ofMillis(unreached).toSeconds() + " s (reliability.unreachable-timeout "
                    + timeout + "); check the address, the network and the credentials");
        }
        if (unreached >= 5_000 && now - lastLogged >= LOG_EVERY_SECONDS * 1000) {
            lastLogged = now;
            LOG.warn("no connection to the Kafka cluster at {} for {} s (giving up after {}); not ready meanwhile",
                    bootstrapServers, unreached / 1000, timeout);
        }
        return Optional.empty();
    }

    /** Open connections of all the client's Kafka clients (consumers, producers, admin). */
    static double connections(KafkaStreams streams) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (e.getKey().name().equals("connection-count") && e.getValue().metricValue() instanceof Number n
                    && Double.isFinite(n.doubleValue())) {
                total += n.doubleValue();
            }
        }
        return total;
    }
}
