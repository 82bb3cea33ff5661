package dev.imagedrift.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.stream.JsonSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the scores and alerts topics (committed records only, as any consumer would) and prints
 * one line per closed window and per alert change.
 */
public final class ConsoleReporter implements Runnable, AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final KafkaConsumer<String, byte[]> consumer;
    private final String scoresTopic;
    private final String alertsTopic;
    private final PrintStream out;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger windows = new AtomicInteger();
    private final AtomicInteger firing = new AtomicInteger();
    private final AtomicInteger resolved = new AtomicInteger();

    public ConsoleReporter(String bootstrapServers, String scoresTopic, String alertsTopic, PrintStream out) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "imagedrift-demo-console",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.scoresTopic = scoresTopic;
        this.alertsTopic = alertsTopic;
        this.out = out;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(scoresTopic, alertsTopic));
        while (running.get()) {
            List<String> scores = new java.util.ArrayList<>();
            List<String> alerts = new java.util.ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                try {
                    JsonNode n = JsonSerde.MAPPER.readTree(r.value());
                    if (r.topic().equals(alertsTopic)) {
                        alerts.add(alertLine(n));
                    } else {
                        scores.add(scoreLine(n));
                    }
                } catch (IOException e) {
                    out.println("unreadable record on " + r.topic() + ": " + e.getMessage());
                }
            }
            // A window and the alert it caused arrive together; show the window first.
            scores.forEach(out::println);
            alerts.forEach(out::println);
        }
        consumer.close();
    }

    String scoreLine(JsonNode n) {
        windows.incrementAndGet();
        String status = n.path("status").asText();
        String top = n.path("topProperties").size() > 0 ? n.path("topProperties").get(0).path("property").asText() : "-";
        JsonNode e = n.path("embedding");
        String embedding = e.isMissingNode() ? "" : String.format(Locale.ROOT, "  embeddings score %s p %s %-5s",
                num(e.path("driftScore"), "%.2f"), pValue(e.path("pValue")), e.path("status").asText());
        return String.format(Locale.ROOT, "%s  %-9s window %s-%s  n=%4d (ref %d)  score %s  AUC %s  p %s%s  %-17s%s",
                TIME.format(Instant.now()), n.path("stream").asText(), time(n.path("windowStart")),
                time(n.path("windowEnd")), n.path("nCurrent").asInt(), n.path("nReference").asInt(),
                num(n.path("driftScore"), "%.2f"), num(n.path("auc"), "%.2f"), pValue(n.path("pValue")), embedding,
                status, "DRIFT".equals(status) ? "  top property: " + top : "");
    }

    String alertLine(JsonNode n) {
        boolean fire = "FIRING".equals(n.path("state").asText());
        (fire ? firing : resolved).incrementAndGet();
        return String.format(Locale.ROOT, "%s  >>> ALERT %s for %s (window ending %s): %s",
                TIME.format(Instant.now()), n.path("state").asText(), n.path("stream").asText(),
                time(n.path("windowEnd")), fire ? n.path("policy").asText() : "drift is gone");
    }

    private static String time(JsonNode iso) {
        return iso.isMissingNode() || iso.isNull() ? "?" : TIME.format(Instant.parse(iso.asText()));
    }

    private static String num(JsonNode n, String format) {
        return n.isNumber() ? String.format(Locale.ROOT, format, n.asDouble()) : " -- ";
    }

    private static String pValue(JsonNode n) {
        if (!n.isNumber()) return "  --   ";
        double p = n.asDouble();
        return p < 1e-6 ? "<1e-6  " : String.format(Locale.ROOT, "%.4f ", p);
    }

    public int windowsSeen() { return windows.get(); }
    public int firingSeen() { return firing.get(); }
    public int resolvedSeen() { return resolved.get(); }

    @Override
    public void close() {
        running.set(false);
    }
}
