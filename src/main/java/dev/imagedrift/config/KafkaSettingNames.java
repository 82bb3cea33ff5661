package dev.imagedrift.config;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names Kafka accepts in {@code kafka.properties}, so a misspelt security setting fails at
 * start-up with its name instead of being ignored with a warning (and the client then failing to
 * authenticate).
 */
final class KafkaSettingNames {
    private static final Set<String> NAMES = new HashSet<>();
    /** Prefixes Kafka Streams strips before handing a setting to one of its clients. */
    private static final List<String> CLIENT_PREFIXES = List.of("main.consumer.", "restore.consumer.",
            "global.consumer.", "consumer.", "producer.", "admin.");

    static {
        NAMES.addAll(StreamsConfig.configDef().names());
        NAMES.addAll(ConsumerConfig.configNames());
        NAMES.addAll(ProducerConfig.configNames());
        NAMES.addAll(AdminClientConfig.configNames());
    }

    private KafkaSettingNames() {}

    static boolean isKnown(String key) {
        if (key.startsWith(StreamsConfig.TOPIC_PREFIX) && key.length() > StreamsConfig.TOPIC_PREFIX.length()) {
            return true; // internal-topic settings: any topic config
        }
        String bare = key;
        for (String prefix : CLIENT_PREFIXES) {
            if (key.startsWith(prefix)) {
                bare = key.substring(prefix.length());
                break;
            }
        }
        return NAMES.contains(bare) || bare.startsWith("sasl.") && bare.endsWith(".jaas.config")
                || bare.startsWith("listener.name.");
    }

    /** "; did you mean x?" for the closest known name, or "". */
    static String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : NAMES) {
            int d = distance(key, name);
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return best != null && bestDistance <= 3 ? "; did you mean " + best + "?" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
