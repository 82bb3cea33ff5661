package dev.imagedrift.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Bridges the Kafka Streams client's own key metrics into the application registry (they are not
 * exported automatically): client state, process rate and the largest consumer lag.
 */
public final class StreamsMetricsBridge {
    private StreamsMetricsBridge() {}

    public static void register(PrometheusRegistry registry, Supplier<KafkaStreams> streams) {
        GaugeWithCallback.builder().name("imagedrift_streams_state")
                .help("1 for the Kafka Streams client's current state, 0 for the others").labelNames("state")
                .callback(cb -> {
                    KafkaStreams s = streams.get();
                    KafkaStreams.State current = s == null ? KafkaStreams.State.CREATED : s.state();
                    for (KafkaStreams.State state : KafkaStreams.State.values()) {
                        cb.call(state == current ? 1 : 0, state.name());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("imagedrift_streams_process_rate")
                .help("Records processed per second by all stream threads (Kafka Streams process-rate)")
                .callback(cb -> cb.call(sum(streams.get(), "stream-thread-metrics", "process-rate")))
                .register(registry);
        GaugeWithCallback.builder().name("imagedrift_streams_records_lag_max")
                .help("Largest consumer lag in records over the input partitions")
                .callback(cb -> cb.call(mainConsumerLagMax(streams.get())))
                .register(registry);
    }

    static double sum(KafkaStreams streams, String group, String name) {
        if (streams == null) return 0;
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (n.group().equals(group) && n.name().equals(name)) {
                total += finite(e.getValue().metricValue());
            }
        }
        return total;
    }

    /** records-lag-max of the main consumers (not the restore consumers), the largest of them. */
    static double mainConsumerLagMax(KafkaStreams streams) {
        if (streams == null) return 0;
        double max = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            String client = n.tags().getOrDefault("client-id", "");
            if (n.group().equals("consumer-fetch-manager-metrics") && n.name().equals("records-lag-max")
                    && !n.tags().containsKey("topic") && !client.endsWith("restore-consumer")) {
                max = Math.max(max, finite(e.getValue().metricValue()));
            }
        }
        return max;
    }

    private static double finite(Object v) {
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        return 0;
    }
}
