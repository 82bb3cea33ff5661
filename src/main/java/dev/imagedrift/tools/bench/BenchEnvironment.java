package dev.imagedrift.tools.bench;

import dev.imagedrift.app.ReferenceLoader;
import dev.imagedrift.app.MonitorRuntime;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.SnapshotIO;
import dev.imagedrift.stream.DriftTopology;
import dev.imagedrift.stream.MonitorListener;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * One benchmark's world: an embedded broker with the monitor's topics, a synthetic 10,000-row
 * reference, and a configuration file; starts the monitor in this process on demand.
 */
final class BenchEnvironment implements AutoCloseable {
    final EmbeddedKafkaBroker broker;
    final Path dir;
    final Path configFile;
    final MonitorConfig config;

    /**
     * @param window      the window section as YAML flow mapping, e.g. "{size: 1h, grace: 1m}"
     * @param metricsPort port of the metrics endpoint (0 = any free port)
     */
    BenchEnvironment(Path dir, int partitions, int threads, String window, int metricsPort) throws IOException {
        this(dir, partitions, threads, window, metricsPort, "");
    }

    /** @param moreYaml further top-level sections of the configuration (e.g. a fetch section) */
    BenchEnvironment(Path dir, int partitions, int threads, String window, int metricsPort, String moreYaml)
            throws IOException {
        this.dir = dir;
        this.broker = EmbeddedKafkaBroker.start();
        Path reference = dir.resolve("reference.json.gz");
        SnapshotIO.write(new SyntheticProperties(7).reference(10_000), reference);
        configFile = dir.resolve("bench.yaml");
        Files.writeString(configFile, """
                kafka:
                  bootstrap-servers: %s
                  application-id: imagedrift-bench
                  num-stream-threads: %d
                  state-dir: %s
                window: %s
                reference: {snapshot: %s}
                metrics: {port: %d, host: 127.0.0.1}
                """.formatted(broker.bootstrapServers(), threads, dir.resolve("state"), window, reference, metricsPort)
                + moreYaml);
        config = ConfigLoader.load(configFile, System.getenv()); // IMAGEDRIFT_* variables tune a benchmark run
        broker.createTopics(DriftTopology.topicNames(config), partitions);
    }

    MonitorRuntime startMonitor(MonitorListener listener) throws IOException, InterruptedException {
        PropertySet properties = PropertySet.defaults();
        MonitorRuntime m = MonitorRuntime.start(config, properties, ReferenceLoader.load(config, properties),
                listener);
        if (!m.awaitRunning(Duration.ofSeconds(120))) {
            throw new IllegalStateException("the monitor did not reach RUNNING: " + m.streams().state());
        }
        return m;
    }

    KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20, ProducerConfig.BUFFER_MEMORY_CONFIG, 256L << 20),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Records processed so far by the application through its last sub-topology: the committed
     * offsets of the internal repartition topic (each input event that reached the window stage).
     */
    long windowStageCommitted(Admin admin) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(config.kafka().applicationId()).partitionsToOffsetAndMetadata().get();
        return committed.entrySet().stream().filter(e -> e.getKey().topic().endsWith("-repartition"))
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** Whether every input and repartition record has been committed (transaction markers aside). */
    boolean caughtUp(Admin admin) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(config.kafka().applicationId()).partitionsToOffsetAndMetadata().get();
        if (committed.keySet().stream().noneMatch(tp -> tp.topic().endsWith("-repartition"))) {
            return false;
        }
        Map<TopicPartition, Long> ends = admin.listOffsets(committed.keySet().stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        return committed.entrySet().stream().allMatch(e -> ends.get(e.getKey()) - e.getValue().offset() <= 1);
    }

    Admin admin() {
        return Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()));
    }

    @Override
    public void close() {
        broker.close();
    }
}
