package dev.imagedrift.app;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
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
    private Map<String, Double> lastResponses;

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
        Map<String, Double> responses = responsesByClient(streams.metrics());
        boolean answered = lastResponses != null && answeredSince(lastResponses, responses);
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
            // A join waits on the coordinator without any response until a member that died
            // without leaving (a replaced stream thread) times out: silence, but not an outage.
            String context = state == KafkaStreams.State.REBALANCING
                    ? "; the group is rebalancing, which waits up to session.timeout.ms for a member that died"
                            + " without leaving (a replaced stream thread), or the cluster is out of reach"
                    : "";
            LOG.warn("no answer from the Kafka cluster at {} for {} s (giving up after {}){}; not ready meanwhile",
                    bootstrapServers, unreached / 1000, timeout, context);
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

    /**
     * Responses received so far by each of the client's Kafka clients (consumers, producers, admin),
     * by client id. Per client, not summed: a replaced stream thread's clients vanish with their
     * counts, and a sum would then fall and read as silence until the new clients caught up.
     */
    static Map<String, Double> responsesByClient(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Double> byClient = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            if (e.getKey().name().equals("response-total") && !e.getKey().tags().containsKey("node-id")
                    && e.getValue().metricValue() instanceof Number n
                    && Double.isFinite(n.doubleValue())) {
                byClient.merge(e.getKey().tags().getOrDefault("client-id", ""), n.doubleValue(), Double::sum);
            }
        }
        return byClient;
    }

    /** Whether any client received a response between two looks (a new client counts from zero). */
    static boolean answeredSince(Map<String, Double> before, Map<String, Double> now) {
        for (Map.Entry<String, Double> e : now.entrySet()) {
            if (e.getValue() > before.getOrDefault(e.getKey(), 0.0)) {
                return true;
            }
        }
        return false;
    }
}
