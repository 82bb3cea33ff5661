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
 * cluster has not been reached for {@code reliability.unreachable-timeout}, at start or later (a
 * RUNNING client stays RUNNING while its broker is away). Reached means: one of the client's Kafka
 * clients received a response since the last look (their {@code response-total} metric; a running
 * consumer fetches at least every half second; connection counts are no sign, as they include
 * connections being attempted), so no extra client and no extra credentials are needed. Readiness
 * is false meanwhile ({@link #unreachedMillis()}).
 */
final class ClusterReachability {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterReachability.class);
    static final long LOG_EVERY_SECONDS = 15;

    private final KafkaStreams streams;
    private final String bootstrapServers;
    private final Duration timeout;
    private final Clock clock;
    private volatile long lastReached;
    private long lastLogged;
    private double lastResponses = -1;

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
        double responses = responses(streams);
        boolean answered = lastResponses >= 0 && responses > lastResponses;
        lastResponses = responses;
        if (answered) {
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

    /** How long no connection has been open (0 when one is), as of the last check. */
    long unreachedMillis() {
        return Math.max(0, clock.millis() - lastReached - WATCH_SLACK_MS);
    }

    /** The checks run every second: a response seen at one of the last two still counts. */
    private static final long WATCH_SLACK_MS = 2_500;

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Responses received by all the client's Kafka clients (consumers, producers, admin) so far. */
    static double responses(KafkaStreams streams) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            if (e.getKey().name().equals("response-total") && !e.getKey().tags().containsKey("node-id")
                    && e.getValue().metricValue() instanceof Number n
                    && Double.isFinite(n.doubleValue())) {
                total += n.doubleValue();
            }
        }
        return total;
    }
}
