package dev.imagedrift.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.detect.Samples;
import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.properties.ImageProperty;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ReferenceSet;
import dev.imagedrift.stream.DeadLetterHeaders;
import dev.imagedrift.stream.DriftTopology;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.tools.bench.SyntheticProperties;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record that kills the stream thread every time (here a property that throws InternalError, a
 * fatal VM error the extract stage lets through) against the real broker: the thread is replaced,
 * the record read again, and after reliability.max-record-attempts failures it is dead-lettered
 * ({@code repeated_failure}) and everything behind it is processed. The good records before it,
 * replayed after each failure because nothing was committed (commit interval one minute), are
 * counted once in the metrics, and the window holds each of them once.
 */
class PoisonRecordIT {
    @TempDir
    Path dir;

    /** A custom property that kills the thread on 13-pixel-wide images. */
    static final class Poison implements ImageProperty {
        @Override
        public String name() {
            return "Poison";
        }

        @Override
        public double compute(DecodedImage image) {
            if (image.width() == 13) {
                throw new InternalError("simulated fatal VM error on a poison image");
            }
            return 0;
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRecordThatKillsTheThreadIsDeadLetteredAfterItsAttemptsAndCountedOnce() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Path configFile = dir.resolve("it.yaml");
            Files.writeString(configFile, """
                    kafka:
                      bootstrap-servers: %s
                      application-id: poison-it
                      state-dir: %s
                      properties:
                        commit.interval.ms: 60000
                        # A dead thread's open transaction blocks read_committed readers of what it wrote
                        # until it times out (Kafka Streams does not abort it): keep that short here.
                        transaction.timeout.ms: 10000
                    window: {size: 10s, grace: 1s}
                    detection: {min-samples: 5}
                    reliability: {max-record-attempts: 2, replacement-backoff: 0s, max-thread-replacements: 10}
                    metrics: {port: 0, host: 127.0.0.1}
                    """.formatted(broker.bootstrapServers(), dir.resolve("state")));
            MonitorConfig config = ConfigLoader.load(configFile, Map.of());
            broker.createTopics(DriftTopology.topicNames(config), 1);
            PropertySet properties = PropertySet.withExtras(List.of(new Poison()));
            ReferenceSet references = ReferenceSet.global(reference(properties), "poison-ref");
            try (MonitorRuntime monitor = MonitorRuntime.start(config, properties, references, MonitorListener.NONE)) {
                assertTrue(monitor.awaitRunning(Duration.ofSeconds(60)), "RUNNING");
                long t0 = (System.currentTimeMillis() / 10_000 - 10) * 10_000;
                try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
                    for (int i = 0; i < 20; i++) send(p, config, "good-" + i, t0 + i * 100, 8);
                    send(p, config, "poison", t0 + 2_500, 13);
                    for (int i = 20; i < 40; i++) send(p, config, "good-" + i, t0 + i * 100 + 1_000, 8);
                    send(p, config, "clock", t0 + 12_000, 8);
                    p.flush();
                }
                List<JsonNode> scores;
                try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                        config.topics().scores())) {
                    scores = BrokerTestSupport.readUntil(c, Duration.ofSeconds(200), r -> !r.isEmpty());
                }
                assertEquals(1, scores.size(), scores.toString());
                assertEquals(40, scores.get(0).path("eventsCounted").asInt(), "each good event once, the poison not");

                List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
                try (KafkaConsumer<String, byte[]> c = BrokerTestSupport.consumer(broker.bootstrapServers(),
                        config.topics().deadLetter())) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (System.nanoTime() < deadline) {
                        c.poll(Duration.ofMillis(200)).forEach(dead::add);
                    }
                }
                assertEquals(1, dead.size(), "exactly one dead letter");
                assertEquals("repeated_failure", DeadLetterHeaders.text(dead.get(0).headers(), DeadLetterHeaders.REASON));
                assertTrue(DeadLetterHeaders.text(dead.get(0).headers(), DeadLetterHeaders.MESSAGE)
                        .contains("InternalError"));

                String metrics = awaitMetric(monitor.metricsPort(), "imagedrift_images_processed_total{stream=\"cam\"}", 41);
                assertEquals(41.0, BrokerTestSupport.sample(metrics, "imagedrift_images_processed_total{stream=\"cam\"}"),
                        "40 good events and the clock event, each once although the first 20 were processed "
                                + "three times");
                assertEquals(1.0, BrokerTestSupport.sample(metrics,
                        "imagedrift_images_failed_total{reason=\"repeated_failure\"}"));
                assertEquals(200, BrokerTestSupport.httpStatus(monitor.metricsPort(), "/healthz"),
                        "two replacements are within the bound");
                assertEquals(200, BrokerTestSupport.httpStatus(monitor.metricsPort(), "/readyz"));
            }
        }
    }

    private static String awaitMetric(int port, String series, double value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String text = BrokerTestSupport.scrape(port);
        while (System.nanoTime() < deadline && BrokerTestSupport.sample(text, series) != value) {
            Thread.sleep(250);
            text = BrokerTestSupport.scrape(port);
        }
        return text;
    }

    private static void send(KafkaProducer<String, byte[]> p, MonitorConfig config, String id, long time, int width)
            throws Exception {
        String json = "{\"id\":\"" + id + "\",\"stream\":\"cam\",\"timestamp\":" + time + ",\"image\":\""
                + Base64.getEncoder().encodeToString(png(width, 6, id.hashCode())) + "\"}";
        p.send(new ProducerRecord<>(config.topics().events(), null, time, "cam", json.getBytes()));
    }

    private static byte[] png(int w, int h, int seed) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        java.util.Random r = new java.util.Random(seed);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt(0xFFFFFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static Samples reference(PropertySet properties) {
        SyntheticProperties synthetic = new SyntheticProperties(7);
        double[][] rows = new double[100][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOf(synthetic.next(), properties.size());
            ids.add("ref-" + i);
        }
        return new Samples(properties.names(), rows, ids);
    }
}
