package dev.imagedrift.ops;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Production traffic in real time (event time = now) of real photos, per stream in a mode the
 * test switches while it runs: the held-out photos, their brightened copies (the seed page's
 * drift), a trickle too thin for a verdict, or nothing. Runs on its own thread until closed.
 */
final class LiveImageTraffic implements AutoCloseable {
    /** What a stream sends. */
    enum Mode {
        /** Held-out photos like the reference, {@link #RATE} a second. */
        NORMAL,
        /** Their brightened copies, {@link #RATE} a second. */
        DRIFTED,
        /** Two normal photos a second: fewer per window than the detector's minimum. */
        SPARSE,
        /** Nothing. */
        STOPPED
    }

    static final int RATE = 30;
    private static final long TICK_MS = 100;

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final List<byte[]> normal;
    private final List<byte[]> drifted;
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final Map<String, Double> owed = new ConcurrentHashMap<>();
    private final Thread sender;
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

    LiveImageTraffic(String bootstrapServers, String topic, Path normalDir, Path driftedDir) throws IOException {
        this.topic = topic;
        this.normal = read(normalDir);
        this.drifted = read(driftedDir);
        if (normal.isEmpty() || normal.size() != drifted.size()) {
            throw new IllegalArgumentException("need as many drifted photos as normal ones: " + normalDir + ", "
                    + driftedDir);
        }
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new ByteArraySerializer());
        this.sender = new Thread(this::run, "ops-it-traffic");
        sender.setDaemon(true);
        sender.start();
    }

    void set(String stream, Mode mode) {
        modes.put(stream, mode);
    }

    /** Sends one event of the stream with the given event time (a late event when far in the past). */
    void sendAt(String stream, Instant eventTime) {
        send(stream, normal.get(0), eventTime);
        producer.flush();
    }

    /** Sends bytes that are no event at all (a dead letter, reason bad_json). */
    void sendGarbage(String stream) {
        producer.send(new ProducerRecord<>(topic, stream, "{not json".getBytes(StandardCharsets.UTF_8)));
        producer.flush();
    }

    private void run() {
        long next = System.currentTimeMillis();
        while (running) {
            for (Map.Entry<String, Mode> e : modes.entrySet()) {
                double perTick = switch (e.getValue()) {
                    case NORMAL, DRIFTED -> RATE * TICK_MS / 1000.0;
                    case SPARSE -> 2 * TICK_MS / 1000.0;
                    case STOPPED -> 0;
                };
                double due = owed.merge(e.getKey(), perTick, Double::sum);
                for (; due >= 1; due -= 1) {
                    List<byte[]> images = e.getValue() == Mode.DRIFTED ? drifted : normal;
                    send(e.getKey(), images.get((int) (sent.get() % images.size())), Instant.now());
                }
                owed.put(e.getKey(), due);
            }
            next += TICK_MS;
            long sleep = next - System.currentTimeMillis();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }
    }

    private void send(String stream, byte[] image, Instant eventTime) {
        String json = "{\"id\":\"" + stream + "/" + sent.getAndIncrement() + "\",\"stream\":\"" + stream + "\",\"timestamp\":\""
                + eventTime + "\",\"image\":\"" + Base64.getEncoder().encodeToString(image) + "\"}";
        producer.send(new ProducerRecord<>(topic, null, eventTime.toEpochMilli(), stream,
                json.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<byte[]> read(Path dir) throws IOException {
        List<byte[]> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                images.add(Files.readAllBytes(f));
            }
        }
        return images;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.interrupt();
        sender.join(5_000);
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
