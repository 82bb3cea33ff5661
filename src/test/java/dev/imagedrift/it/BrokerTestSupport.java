package dev.imagedrift.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.tools.bench.SyntheticProperties;
import dev.imagedrift.reference.SnapshotIO;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Shared pieces of the tests that run against a real broker. */
final class BrokerTestSupport {
    private final SyntheticProperties synthetic = new SyntheticProperties(5);

    /** Writes a synthetic reference snapshot of {@code n} rows. */
    Path writeReference(Path dir, int n) throws IOException {
        Path file = dir.resolve("reference.json.gz");
        SnapshotIO.write(synthetic.reference(n), file);
        return file;
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
                    SyntheticProperties.event(idPrefix + "-" + i, stream, t, synthetic.next(brightnessShift))));
        }
        p.flush();
    }

    /** As {@link #sendWindow} without the flush (the broker may be away: the producer holds the events). */
    void sendWindowAsync(KafkaProducer<String, byte[]> p, String topic, String stream, long from, long span, int count,
                         double brightnessShift, String idPrefix) {
        for (int i = 0; i < count; i++) {
            long t = from + span * i / count;
            p.send(new ProducerRecord<>(topic, null, t, stream,
                    SyntheticProperties.event(idPrefix + "-" + i, stream, t, synthetic.next(brightnessShift))));
        }
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
