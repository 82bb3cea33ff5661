package dev.imagedrift.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor is killed (SIGKILL, as when a node dies) in the middle of a window and started again
 * on a fresh state directory (as when the pod moves): the window's result comes out exactly once,
 * and its event count includes the events from before the kill.
 */
class MonitorRestartIT {
    private static final String APP = "restart-it";

    @TempDir
    Path dir;

    @Test
    void windowResultIsEmittedOnceWithEventsFromBeforeTheKill() throws Exception {
        BrokerTestSupport support = new BrokerTestSupport();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Path reference = support.writeReference(dir, 300);
            String events = "image-events";
            broker.createTopics(List.of(events, "image-events-dlq", "image-drift-scores", "image-drift-alerts"), 2);
            long t0 = (System.currentTimeMillis() / 10_000 - 20) * 10_000;

            Process first = startMonitor(broker, reference, dir.resolve("state-1"), "first.log");
            try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
                support.sendWindow(p, events, "cam", t0, 6_000, 120, 0, "before");
                awaitProcessed(broker.bootstrapServers(), Duration.ofSeconds(90));
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9 in the middle of the window

                Process second = startMonitor(broker, reference, dir.resolve("state-2"), "second.log");
                try {
                    support.sendWindow(p, events, "cam", t0 + 6_000, 4_000, 80, 0, "after");
                    support.sendWindow(p, events, "cam", t0 + 12_000, 1_000, 1, 0, "clock");
                    List<JsonNode> scores;
                    try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                            "image-drift-scores")) {
                        scores = BrokerTestSupport.readUntil(c, Duration.ofSeconds(120), r -> !r.isEmpty());
                        // keep reading a while: a duplicate would show up now
                        scores.addAll(BrokerTestSupport.readUntil(c, Duration.ofSeconds(5), r -> false));
                    }
                    List<JsonNode> forWindow = scores.stream()
                            .filter(s -> s.path("windowStart").asText().equals(java.time.Instant.ofEpochMilli(t0).toString()))
                            .toList();
                    assertEquals(1, forWindow.size(), "exactly one result for the window: " + scores);
                    assertEquals(200, forWindow.get(0).path("eventsCounted").asInt(),
                            "120 events before the kill + 80 after");
                    assertEquals(200, forWindow.get(0).path("nCurrent").asInt());
                } finally {
                    second.destroy();
                    assertTrue(second.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the monitor");
                }
            } finally {
                first.destroyForcibly();
            }
        }
    }

    private Process startMonitor(EmbeddedKafkaBroker broker, Path reference, Path stateDir, String log)
            throws Exception {
        Path config = dir.resolve("restart-" + stateDir.getFileName() + ".yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-servers: %s
                  application-id: %s
                  state-dir: %s
                  properties:
                    # a killed instance's open transaction is aborted after this, unblocking read_committed readers
                    transaction.timeout.ms: 10000
                    session.timeout.ms: 6000
                window: {size: 10s, grace: 1s}
                reference: {snapshot: %s}
                metrics: {port: 0, host: 127.0.0.1}
                """.formatted(broker.bootstrapServers(), APP, stateDir, reference));
        return MonitorProcess.start(config, dir.resolve(log), "512m");
    }

    /** Waits until the application has committed every input and repartition record produced so far. */
    private static void awaitProcessed(String bootstrap, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(APP).partitionsToOffsetAndMetadata().get();
                if (!committed.isEmpty()) {
                    Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                            admin.listOffsets(latest).all().get();
                    boolean inputDone = committed.keySet().stream().anyMatch(tp -> tp.topic().equals("image-events"));
                    boolean repartitionSeen = committed.keySet().stream()
                            .anyMatch(tp -> tp.topic().contains("repartition"));
                    // Transaction markers take an offset, so "caught up" is within one of the end.
                    boolean caughtUp = committed.entrySet().stream().allMatch(e ->
                            ends.get(e.getKey()).offset() - e.getValue().offset() <= 1);
                    if (inputDone && repartitionSeen && caughtUp && ends.entrySet().stream()
                            .filter(e -> e.getKey().topic().contains("repartition"))
                            .mapToLong(e -> e.getValue().offset()).sum() >= 120) {
                        return;
                    }
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the first monitor did not process the first events within " + timeout
                + " (see " + File.separator + "first.log)");
    }
}
