package dev.imagedrift.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.stream.JsonSerde;
import dev.imagedrift.stream.MonitorListener;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Time from a window's close (end + grace, wall clock; events carry event time = now) until its
 * score record can be read by a read_committed consumer, with full 10,000-sample reservoirs
 * against a 10,000-row reference. Includes detection, the exactly-once commit and the consumer's
 * poll: what a user of the scores topic waits.
 */
public final class LatencyBench {
    /** One measurement: latencies in ms, sorted, and the detector's own times. */
    public record Result(int streams, int ratePerStream, Duration window, List<Long> latenciesMs,
                         List<Long> detectionMs, long medianMs, long p99Ms, long maxMs, int minSamplesPerWindow) {}

    private LatencyBench() {}

    public static Result run(int streams, int ratePerStream, Duration window, Duration grace, int windows,
                             PrintWriter log) throws Exception {
        Path dir = Files.createTempDirectory("imagedrift-latency-");
        try (BenchEnvironment env = new BenchEnvironment(dir, 2, 1,
                "{size: " + window.toMillis() + "ms, grace: " + grace.toMillis() + "ms}", 0)) {
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            List<Long> detection = Collections.synchronizedList(new ArrayList<>());
            List<Integer> samples = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean running = new AtomicBoolean(true);
            try (MonitorRuntime monitor = env.startMonitor(MonitorListener.NONE)) {
                long firstFullWindowStart = (System.currentTimeMillis() / window.toMillis() + 1) * window.toMillis();
                Thread reader = new Thread(() -> read(env, firstFullWindowStart, grace, latencies, detection, samples,
                        running), "latency-reader");
                reader.start();
                log.printf("sending %d events/s on each of %d streams for %d windows of %s ...%n", ratePerStream,
                        streams, windows, window);
                long end = firstFullWindowStart + windows * window.toMillis() + grace.toMillis() + 2_000;
                send(env, streams, ratePerStream, end);
                long deadline = System.currentTimeMillis() + 60_000;
                while (latencies.size() < streams * windows && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                running.set(false);
                reader.join(10_000);
            }
            DeadLetterAudit.read(env.broker.bootstrapServers(), env.config.topics().deadLetter())
                    .requireNone("bench latency");
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            if (sorted.size() < streams * windows) {
                throw new InvalidMeasurement("bench latency: " + sorted.size() + " of " + streams * windows
                        + " score records arrived within a minute of the last window's close");
            }
            return new Result(streams, ratePerStream, window, sorted, new ArrayList<>(detection),
                    percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1),
                    samples.stream().mapToInt(Integer::intValue).min().orElse(0));
        } finally {
            ThroughputBench.deleteTree(dir);
        }
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static void send(BenchEnvironment env, int streams, int ratePerStream, long endMillis)
            throws InterruptedException {
        SyntheticProperties synthetic = new SyntheticProperties(3);
        String topic = env.config.topics().events();
        long tickMs = 20;
        double perTick = ratePerStream * tickMs / 1000.0;
        double owed = 0;
        long seq = 0;
        try (KafkaProducer<String, byte[]> p = env.producer()) {
            long next = System.currentTimeMillis();
            while (System.currentTimeMillis() < endMillis) {
                owed += perTick;
                for (; owed >= 1; owed -= 1) {
                    long now = System.currentTimeMillis();
                    for (int s = 0; s < streams; s++) {
                        String stream = "stream-" + s;
                        p.send(new ProducerRecord<>(topic, null, now, stream, synthetic.event("e" + seq++, stream, now)));
                    }
                }
                next += tickMs;
                long sleep = next - System.currentTimeMillis();
                if (sleep > 0) Thread.sleep(sleep);
            }
        }
    }

    private static void read(BenchEnvironment env, long firstFullWindowStart, Duration grace, List<Long> latencies,
                             List<Long> detection, List<Integer> samples, AtomicBoolean running) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "latency-bench",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(env.config.topics().scores()));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(50))) {
                    long arrived = System.currentTimeMillis();
                    JsonNode n = JsonSerde.MAPPER.readTree(r.value());
                    long start = Instant.parse(n.path("windowStart").asText()).toEpochMilli();
                    long end = Instant.parse(n.path("windowEnd").asText()).toEpochMilli();
                    if (start >= firstFullWindowStart) {
                        latencies.add(arrived - (end + grace.toMillis()));
                        detection.add(n.path("detectionMillis").asLong());
                        samples.add(n.path("nCurrent").asInt());
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable score record", e);
        }
    }
}
