package dev.imagedrift.it;

import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.app.ReferenceLoader;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.stream.DriftTopology;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A third of the records poison (bad JSON, an oversize image string, a cut PNG, bytes that are no
 * image) among real PNG events, through the real broker: every good event is counted, every bad
 * one is counted under its reason, and the good events' throughput is printed beside a clean
 * run's (a measurement, not an assertion: timing goals live in benchmarks).
 */
class PoisonShareIT {
    private static final int GOOD = 1_200;
    private static final int EACH_BAD = 150; // four kinds: 600 = a third of 1,800

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void goodEventsAreAllCountedAndEachPoisonUnderItsReason() throws Exception {
        BrokerTestSupport support = new BrokerTestSupport();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Path reference = support.writeReference(dir, 300);
            List<byte[]> good = goodEvents();
            Map<String, List<byte[]>> bad = badEvents();
            double clean = run(broker, reference, "clean", good, Map.of());
            double poisoned = run(broker, reference, "poisoned", good, bad);
            System.out.printf("poison share: good events %.0f/s clean, %.0f/s with a third poison (%.0f%%)%n", clean,
                    poisoned, 100 * poisoned / clean);
        }
    }

    /** Runs a fresh monitor over pre-produced events; returns good events per second. */
    private double run(EmbeddedKafkaBroker broker, Path reference, String name, List<byte[]> good,
                       Map<String, List<byte[]>> bad) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                kafka: {bootstrap-servers: "%s", application-id: %s, state-dir: %s}
                topics: {events: %s-events, dead-letter: %s-dlq, scores: %s-scores, alerts: %s-alerts}
                window: {size: 1h, grace: 1s}
                images: {max-bytes: 100000}
                reference: {snapshot: %s}
                metrics: {port: 0, host: 127.0.0.1}
                """.formatted(broker.bootstrapServers(), name, dir.resolve("state-" + name), name, name, name, name,
                reference));
        MonitorConfig config = ConfigLoader.load(file, Map.of());
        broker.createTopics(DriftTopology.topicNames(config), 1);
        List<byte[]> all = new ArrayList<>(good);
        bad.values().forEach(all::addAll);
        java.util.Collections.shuffle(all, new Random(5));
        try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(broker.bootstrapServers())) {
            for (byte[] v : all) {
                p.send(new ProducerRecord<>(config.topics().events(), "cam", v));
            }
        }
        PropertySet properties = PropertySet.defaults();
        try (MonitorRuntime monitor = MonitorRuntime.start(config, properties, ReferenceLoader.load(config, properties),
                MonitorListener.NONE)) {
            assertTrue(monitor.awaitRunning(Duration.ofSeconds(60)));
            long started = System.nanoTime();
            String series = "imagedrift_images_processed_total{stream=\"cam\"}";
            String text = BrokerTestSupport.scrape(monitor.metricsPort());
            while (BrokerTestSupport.sample(text, series) < good.size()
                    && System.nanoTime() - started < Duration.ofMinutes(2).toNanos()) {
                Thread.sleep(100);
                text = BrokerTestSupport.scrape(monitor.metricsPort());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(2_000); // the dead letters' counts are published at the next commit
            text = BrokerTestSupport.scrape(monitor.metricsPort());
            assertEquals(good.size(), BrokerTestSupport.sample(text, series), "every good event, once");
            for (Map.Entry<String, List<byte[]>> e : bad.entrySet()) {
                assertEquals(e.getValue().size(), BrokerTestSupport.sample(text,
                        "imagedrift_images_failed_total{reason=\"" + e.getKey() + "\"}"), e.getKey());
            }
            return good.size() / seconds;
        }
    }

    private static List<byte[]> goodEvents() throws Exception {
        List<byte[]> events = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i < GOOD; i++) {
            events.add(json("good-" + i, png(160, 120, r)));
        }
        return events;
    }

    private static Map<String, List<byte[]>> badEvents() throws Exception {
        Random r = new Random(2);
        List<byte[]> badJson = new ArrayList<>();
        List<byte[]> oversize = new ArrayList<>();
        List<byte[]> cut = new ArrayList<>();
        List<byte[]> notImages = new ArrayList<>();
        byte[] big = new byte[200_000]; // over images.max-bytes (100,000): refused while the JSON string is read
        r.nextBytes(big);
        for (int i = 0; i < EACH_BAD; i++) {
            badJson.add(("{\"id\":\"bad-" + i + "\",\"stream\":\"cam\",\"image\":").getBytes(StandardCharsets.UTF_8));
            oversize.add(json("big-" + i, big));
            byte[] png = png(160, 120, r);
            cut.add(json("cut-" + i, java.util.Arrays.copyOf(png, png.length / 2)));
            byte[] junk = new byte[2_000];
            r.nextBytes(junk);
            junk[0] = 'X';
            notImages.add(json("junk-" + i, junk));
        }
        return Map.of("bad_json", badJson, "too_large", oversize, "undecodable", cut, "unknown_format", notImages);
    }

    private static byte[] json(String id, byte[] image) {
        return ("{\"id\":\"" + id + "\",\"stream\":\"cam\",\"image\":\"" + Base64.getEncoder().encodeToString(image) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] png(int w, int h, Random r) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        int base = r.nextInt(0xFFFFFF);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, base ^ (x * 7 + y * 13));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
