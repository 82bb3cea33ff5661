package dev.imagedrift.tools.demo;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plays a {@link DemoScenario} as production traffic: for every stream, {@code ratePerStream}
 * image events a second (JSON with a base64 JPEG, event time = now), normal images or their
 * drifted versions as the current phase says.
 */
public final class DemoEventSource implements AutoCloseable {
    private static final long TICK_MS = 100;

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final List<String> streams;
    private final List<Image> normal;
    private final List<Image> drifted;
    private final int ratePerStream;
    private final Clock clock;
    private final java.util.Map<String, Shuffled> order = new java.util.HashMap<>();
    private long sent;

    /** One image file's name and encoded bytes. */
    public record Image(String name, byte[] bytes) {}

    public DemoEventSource(String bootstrapServers, String topic, List<String> streams, List<Image> normal,
                           List<Image> drifted, int ratePerStream, Clock clock) {
        if (normal.isEmpty() || normal.size() != drifted.size()) {
            throw new IllegalArgumentException("the demo needs normal images and as many drifted copies");
        }
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20),
                new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.streams = List.copyOf(streams);
        this.normal = List.copyOf(normal);
        this.drifted = List.copyOf(drifted);
        this.ratePerStream = ratePerStream;
        this.clock = clock;
    }

    /**
     * Sends the scenario's traffic in real time; {@code phaseStarted} hears each phase as it
     * begins. With {@code repeatLast}, keeps sending the last phase until interrupted.
     */
    public void play(DemoScenario scenario, Consumer<DemoScenario.Phase> phaseStarted, boolean repeatLast)
            throws InterruptedException {
        List<DemoScenario.Phase> phases = scenario.phases();
        for (int p = 0; p < phases.size(); p++) {
            DemoScenario.Phase phase = phases.get(p);
            phaseStarted.accept(phase);
            boolean last = p == phases.size() - 1;
            long end = repeatLast && last ? Long.MAX_VALUE : clock.millis() + phase.length().toMillis();
            sendUntil(end, phase);
        }
    }

    private void sendUntil(long endMillis, DemoScenario.Phase phase) throws InterruptedException {
        double perTick = ratePerStream * TICK_MS / 1000.0;
        double owed = 0;
        long next = clock.millis();
        while (clock.millis() < endMillis) {
            owed += perTick;
            while (owed >= 1) {
                for (int s = 0; s < streams.size(); s++) {
                    send(streams.get(s), s, phase.drifted().contains(streams.get(s)));
                }
                owed -= 1;
            }
            next += TICK_MS;
            long sleep = next - clock.millis();
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private void send(String stream, int streamIndex, boolean drift) {
        // Each stream walks its own seeded shuffle of the held-out photos, reshuffled every pass: no
        // photo repeats within a pass, and windows differ from each other as real traffic would.
        int i = order.computeIfAbsent(stream, s -> new Shuffled(normal.size(), 1000L + streamIndex)).next();
        Image image = (drift ? drifted : normal).get(i);
        long now = clock.millis();
        String json = "{\"id\":\"" + stream + "/" + sent + "/" + image.name() + "\",\"stream\":\"" + stream
                + "\",\"timestamp\":\"" + Instant.ofEpochMilli(now) + "\",\"image\":\""
                + Base64.getEncoder().encodeToString(image.bytes()) + "\"}";
        producer.send(new ProducerRecord<>(topic, null, now, stream, json.getBytes(StandardCharsets.UTF_8)));
        sent++;
    }

    /** An endless sequence of indexes 0..n-1, a fresh seeded permutation each pass. */
    private static final class Shuffled {
        private final java.util.Random random;
        private final int[] permutation;
        private int position;

        Shuffled(int n, long seed) {
            random = new java.util.Random(seed);
            permutation = java.util.stream.IntStream.range(0, n).toArray();
            position = n;
        }

        int next() {
            if (position == permutation.length) {
                for (int i = permutation.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = permutation[i];
                    permutation[i] = permutation[j];
                    permutation[j] = t;
                }
                position = 0;
            }
            return permutation[position++];
        }
    }

    public long sent() {
        return sent;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
