package dev.imagedrift.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SnapshotIO;
import dev.imagedrift.reference.SnapshotRow;
import dev.imagedrift.stream.JsonSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;

/** Shared pieces of the tests that run against a real broker. */
final class BrokerTestSupport {
    private static final String[] KEYS = {"aspect_ratio", "area", "brightness", "rms_contrast",
            "mean_red_relative_intensity", "mean_green_relative_intensity", "mean_blue_relative_intensity"};

    private final Random random = new Random(5);

    /** Property vectors like those of small photos; {@code brightnessShift} moves only brightness. */
    double[] row(double brightnessShift) {
        double w = 64 + random.nextInt(96);
        double h = 48 + random.nextInt(112);
        double r = 0.33 + 0.05 * random.nextGaussian();
        double g = 0.34 + 0.04 * random.nextGaussian();
        return new double[] {h / w, h * w, 110 + 25 * random.nextGaussian() + brightnessShift,
                50 + 12 * random.nextGaussian(), r, g, 1 - r - g};
    }

    /** Writes a synthetic reference snapshot of {@code n} rows. */
    Path writeReference(Path dir, int n) throws IOException {
        List<SnapshotRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new SnapshotRow("ref-" + i, row(0)));
        }
        ReferenceSnapshot s = new ReferenceSnapshot(ReferenceSnapshot.FORMAT_VERSION, Instant.now().toString(),
                "synthetic", PropertySet.defaults().names(), n, List.of(), n, 42L, rows);
        Path file = dir.resolve("reference.json.gz");
        SnapshotIO.write(s, file);
        return file;
    }

    static byte[] event(String id, String stream, long time, double[] v) {
        StringBuilder sb = new StringBuilder("{\"id\":\"" + id + "\",\"stream\":\"" + stream + "\",\"timestamp\":"
                + time + ",\"properties\":{");
        for (int i = 0; i < KEYS.length; i++) {
            if (i > 0) sb.append(',');
            sb.append('"').append(KEYS[i]).append("\":").append(String.format(Locale.ROOT, "%.6f", v[i]));
        }
        return sb.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends {@code count} events of {@code stream} spread over [from, from + span), and flushes. */
    void sendWindow(KafkaProducer<String, byte[]> p, String topic, String stream, long from, long span, int count,
                    double brightnessShift, String idPrefix) {
        for (int i = 0; i < count; i++) {
            long t = from + span * i / count;
            p.send(new ProducerRecord<>(topic, null, t, stream,
                    event(idPrefix + "-" + i, stream, t, row(brightnessShift))));
        }
        p.flush();
    }

    /** A read_committed consumer of JSON records, from the beginning. */
    static KafkaConsumer<String, byte[]> consumer(String bootstrap, String... topics) {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(topics));
        return c;
    }

    /** Polls until {@code done} holds for what was read (or the timeout passes); returns all records read. */
    static List<JsonNode> readUntil(KafkaConsumer<String, byte[]> c, Duration timeout, Predicate<List<JsonNode>> done)
            throws IOException {
        List<JsonNode> read = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !done.test(read)) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                read.add(JsonSerde.MAPPER.readTree(r.value()));
            }
        }
        return read;
    }

    static String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    static int httpStatus(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The value of one sample line of a Prometheus exposition, or NaN when absent. */
    static double sample(String exposition, String nameWithLabels) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(nameWithLabels + " ")) {
                return Double.parseDouble(line.substring(nameWithLabels.length() + 1).trim().split(" ")[0]);
            }
        }
        return Double.NaN;
    }
}
