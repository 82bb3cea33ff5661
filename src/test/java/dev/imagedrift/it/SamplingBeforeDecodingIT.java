package dev.imagedrift.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.stream.EventParser;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import dev.imagedrift.window.SamplePriority;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sampling before decoding against a real broker, in the hardest case for it: the stream's events
 * are not keyed by stream (stream in a header, records spread over both input partitions), and the
 * monitor is killed (SIGKILL) mid-window and started again on a fresh state directory. The window
 * is still scored once, counts every event from before and after the kill, and its sample is the
 * k smallest priorities of all of them (the exemplars, drawn from the sample, say so).
 */
class SamplingBeforeDecodingIT {
    private static final String APP = "sampling-it";
    private static final int K = 30;

    @TempDir
    Path dir;

    @Test
    void unkeyedEventsOverTwoPartitionsAreSampledExactlyAcrossAKill() throws Exception {
        BrokerTestSupport support = new BrokerTestSupport();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Path reference = support.writeReference(dir, 300);
            broker.createTopics(List.of("image-events", "image-events-dlq", "image-drift-scores", "image-drift-alerts"), 2);
            long t0 = (System.currentTimeMillis() / 10_000 - 20) * 10_000;
            List<String> ids = new ArrayList<>();
            List<Future<RecordMetadata>> sent = new ArrayList<>();

            Process first = startMonitor(broker, reference, dir.resolve("state-1"), "first.log");
            try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
                send(p, "before", 600, t0, 6_000, ids, sent);
                awaitWindowStage(broker.bootstrapServers(), 600, Duration.ofSeconds(120));
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

                Process second = startMonitor(broker, reference, dir.resolve("state-2"), "second.log");
                try {
                    send(p, "after", 400, t0 + 6_000, 4_000, ids, sent);
                    // Both partitions taken in before the event that closes the window (on one of them).
                    awaitWindowStage(broker.bootstrapServers(), 1_000, Duration.ofSeconds(120));
                    send(p, "clock", 1, t0 + 12_000, 1, new ArrayList<>(), new ArrayList<>());
                    List<JsonNode> scores;
                    try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                            "image-drift-scores")) {
                        scores = BrokerTestSupport.readUntil(c, Duration.ofSeconds(120), r -> !r.isEmpty());
                        scores.addAll(BrokerTestSupport.readUntil(c, Duration.ofSeconds(5), r -> false));
                    }
                    List<JsonNode> forWindow = scores.stream()
                            .filter(s -> s.path("windowStart").asText().equals(Instant.ofEpochMilli(t0).toString()))
                            .toList();
                    assertEquals(1, forWindow.size(), "exactly one result for the window: " + scores);
                    JsonNode score = forWindow.get(0);
                    assertEquals(1_000, score.path("eventsCounted").asInt(), "600 before the kill + 400 after");
                    assertEquals(K, score.path("nCurrent").asInt());

                    Set<String> expected = bottomK(ids, sent, t0);
                    List<String> exemplars = new ArrayList<>();
                    score.path("exemplars").path("current").forEach(e -> exemplars.add(e.path("id").asText()));
                    assertTrue(exemplars.size() >= 3, score.toString());
                    // A random id is among the 30 of 1,000 with probability 3%: five by chance, 2e-8.
                    assertTrue(expected.containsAll(exemplars), "exemplars " + exemplars + " not all in the k smallest");
                } finally {
                    second.destroy();
                    assertTrue(second.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the monitor");
                }
            } finally {
                first.destroyForcibly();
            }
        }
    }

    /** Binary JPEG records, a different image each, stream in a header, no key, alternating partitions. */
    private static void send(KafkaProducer<String, byte[]> p, String prefix, int count, long from,
                             long span, List<String> ids, List<Future<RecordMetadata>> sent) throws Exception {
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            RecordHeaders h = new RecordHeaders();
            h.add(EventParser.ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
            h.add(EventParser.STREAM_HEADER, "cam".getBytes(StandardCharsets.UTF_8));
            ids.add(id);
            sent.add(p.send(new ProducerRecord<>("image-events", i % 2, from + span * i / count, null, tinyJpeg(id), h)));
        }
        p.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
    }

    private static Set<String> bottomK(List<String> ids, List<Future<RecordMetadata>> sent, long windowStart)
            throws Exception {
        SamplePriority priorities = new SamplePriority(42); // detection.seed's default
        long[] p = new long[ids.size()];
        for (int i = 0; i < p.length; i++) {
            RecordMetadata m = sent.get(i).get();
            p[i] = priorities.of("cam", windowStart, m.partition(), m.offset());
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < p.length; i++) order.add(i);
        order.sort((a, b) -> Long.compareUnsigned(p[a], p[b]));
        Set<String> bottom = new HashSet<>();
        order.subList(0, K).forEach(i -> bottom.add(ids.get(i)));
        return bottom;
    }

    /**
     * A small JPEG of its own colour and noise: copies of one image would be one near-duplicate burst,
     * a single independent unit, too few for the detector to score the window (and give exemplars).
     */
    private static byte[] tinyJpeg(String id) throws Exception {
        java.util.Random r = new java.util.Random(id.hashCode());
        int red = 20 + r.nextInt(190), green = 20 + r.nextInt(190), blue = 20 + r.nextInt(190), noise = 1 + r.nextInt(40);
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, (red + r.nextInt(noise)) << 16 | (green + r.nextInt(noise)) << 8 | (blue + r.nextInt(noise)));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    private Process startMonitor(EmbeddedKafkaBroker broker, Path reference, Path stateDir, String log)
            throws Exception {
        Path config = dir.resolve("sampling-" + stateDir.getFileName() + ".yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-servers: %s
                  application-id: %s
                  state-dir: %s
                  properties:
                    transaction.timeout.ms: 10000
                    session.timeout.ms: 6000
                window: {size: 10s, grace: 1s, max-samples: %d}
                detection: {min-samples: 10}
                reference: {snapshot: %s}
                metrics: {port: 0, host: 127.0.0.1}
                """.formatted(broker.bootstrapServers(), APP, stateDir, K, reference));
        return MonitorProcess.start(config, dir.resolve(log), "512m");
    }

    /** Waits until the window stage has committed at least {@code records} repartitioned events. */
    private static void awaitWindowStage(String bootstrap, long records, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(APP).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, Long> ends = committed.isEmpty() ? Map.of() : admin.listOffsets(committed.keySet()
                        .stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get()
                        .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                long repartitioned = committed.entrySet().stream()
                        .filter(e -> e.getKey().topic().contains("repartition"))
                        .mapToLong(e -> e.getValue().offset()).sum();
                // Every repartitioned record committed (transaction markers take an offset each).
                boolean caughtUp = committed.entrySet().stream()
                        .allMatch(e -> ends.get(e.getKey()) - e.getValue().offset() <= 1);
                boolean bothInputs = committed.keySet().stream().filter(tp -> tp.topic().equals("image-events"))
                        .count() == 2;
                if (repartitioned >= records && caughtUp && bothInputs) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the first monitor did not take in " + records + " events within " + timeout);
    }
}
