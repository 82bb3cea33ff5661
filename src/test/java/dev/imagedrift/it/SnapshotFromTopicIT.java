package dev.imagedrift.it;

import dev.imagedrift.cli.CliRun;
import dev.imagedrift.cli.Main;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SkippedImage;
import dev.imagedrift.reference.SnapshotIO;
import dev.imagedrift.reference.SnapshotRow;
import dev.imagedrift.tools.bench.SyntheticProperties;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code snapshot --from-topic}: a static camera's own baseline read from the input topic of a
 * real (in-process) broker - only its stream, only the time range by event time, only committed
 * events, bad records listed with the monitor's dead-letter reasons.
 */
class SnapshotFromTopicIT {
    private static final String TOPIC = "image-events";
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void snapshotsOneStreamsCommittedEventsInTheTimeRange() throws Exception {
        SyntheticProperties synthetic = new SyntheticProperties(11);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(List.of(TOPIC), 2);
            String bootstrap = broker.bootstrapServers();
            try (KafkaProducer<String, byte[]> p = BrokerTestSupport.producer(bootstrap)) {
                for (int i = 0; i < 120; i++) {
                    long t = T0.toEpochMilli() + i * 1000L; // one event a second for two minutes
                    p.send(new ProducerRecord<>(TOPIC, null, t, "camera-1",
                            SyntheticProperties.event("c1-" + i, "camera-1", t, synthetic.next(0))));
                    p.send(new ProducerRecord<>(TOPIC, null, t, "camera-2",
                            SyntheticProperties.event("c2-" + i, "camera-2", t, synthetic.next(0))));
                }
                long inRange = T0.toEpochMilli() + 30_000;
                p.send(new ProducerRecord<>(TOPIC, null, inRange, "camera-1", "{not json".getBytes(StandardCharsets.UTF_8)));
                p.send(new ProducerRecord<>(TOPIC, null, inRange, "camera-2", "{not json".getBytes(StandardCharsets.UTF_8)));
                p.flush();
            }
            // Events of an aborted transaction are never part of the traffic.
            try (KafkaProducer<String, byte[]> tx = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap, ProducerConfig.TRANSACTIONAL_ID_CONFIG, "snapshot-it"), new StringSerializer(),
                    new ByteArraySerializer())) {
                tx.initTransactions();
                tx.beginTransaction();
                long t = T0.toEpochMilli() + 40_000;
                tx.send(new ProducerRecord<>(TOPIC, null, t, "camera-1",
                        SyntheticProperties.event("aborted", "camera-1", t, synthetic.next(0))));
                tx.flush();
                tx.abortTransaction();
            }

            Path out = dir.resolve("camera-1.json.gz");
            CliRun r = CliRun.of(Main.commandLine(), "snapshot", "--from-topic", "--stream", "camera-1",
                    "--from", "2026-12-01T08:00:20Z", "--to", "2026-12-01T08:01:20Z", "--bootstrap-servers", bootstrap,
                    "--out", out.toString(), "--timeout", "60s");
            assertEquals(0, r.exitCode(), r.err() + r.out());

            ReferenceSnapshot snapshot = SnapshotIO.read(out);
            Set<String> ids = snapshot.samples().stream().map(SnapshotRow::id).collect(Collectors.toSet());
            assertEquals(60, ids.size(), "camera-1's events from second 20 to 79: " + ids);
            for (int i = 20; i < 80; i++) assertTrue(ids.contains("c1-" + i), "c1-" + i);
            assertEquals(60, snapshot.imagesRead());
            List<SkippedImage> skipped = snapshot.skipped();
            assertEquals(1, skipped.size(), "only camera-1's bad record: " + skipped);
            assertEquals("bad_json", skipped.get(0).reason());
            assertTrue(snapshot.source().contains("camera-1"), snapshot.source());
            assertTrue(r.out().contains("60 events of the stream in range"), r.out());

            CliRun none = CliRun.of(Main.commandLine(), "snapshot", "--from-topic", "--stream", "camera-9",
                    "--from", "2026-12-01T08:00:20Z", "--to", "2026-12-01T08:01:20Z", "--bootstrap-servers", bootstrap,
                    "--out", dir.resolve("none.json").toString(), "--timeout", "60s");
            assertEquals(1, none.exitCode());
            assertTrue(none.err().contains("No event of stream camera-9"), none.err());
        }
    }
}
