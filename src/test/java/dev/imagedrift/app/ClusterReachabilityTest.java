package dev.imagedrift.app;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whether the cluster answered, read from the clients' response counts as Kafka reports them. */
class ClusterReachabilityTest {
    private record Value(MetricName metricName, Object metricValue) implements Metric {}

    private static Map<MetricName, Metric> metrics(Object... clientAndCount) {
        Map<MetricName, Metric> out = new HashMap<>();
        for (int i = 0; i < clientAndCount.length; i += 2) {
            String client = (String) clientAndCount[i];
            MetricName total = new MetricName("response-total", "consumer-metrics", "", Map.of("client-id", client));
            MetricName perNode = new MetricName("response-total", "consumer-node-metrics", "",
                    Map.of("client-id", client, "node-id", "node-1"));
            out.put(total, new Value(total, clientAndCount[i + 1]));
            out.put(perNode, new Value(perNode, 1e9)); // per-node duplicates are not counted twice
        }
        return out;
    }

    @Test
    void countsPerClientIgnoringPerNodeMetricsAndNonNumbers() {
        Map<String, Double> r = ClusterReachability.responsesByClient(metrics("c1", 5.0, "p1", 7.0, "odd", "n/a"));
        assertEquals(Map.of("c1", 5.0, "p1", 7.0), r);
    }

    @Test
    void noNewResponseIsSilence() {
        Map<String, Double> before = ClusterReachability.responsesByClient(metrics("c1", 5.0, "p1", 7.0));
        assertFalse(ClusterReachability.answeredSince(before, before));
    }

    /**
     * A replaced stream thread takes its clients' large counts with it; its successor starts from
     * zero. The total falls, yet the new consumer's first responses mean the cluster answers.
     */
    @Test
    void aReplacedThreadsNewClientsAnsweringCountsAsReached() {
        Map<String, Double> before = ClusterReachability.responsesByClient(metrics("thread-1-consumer", 5_000.0));
        Map<String, Double> after = ClusterReachability.responsesByClient(metrics("thread-2-consumer", 3.0));
        assertTrue(ClusterReachability.answeredSince(before, after));
        assertFalse(ClusterReachability.answeredSince(after, after));
    }
}
