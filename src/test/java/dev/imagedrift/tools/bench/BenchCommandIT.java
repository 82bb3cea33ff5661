package dev.imagedrift.tools.bench;

import dev.imagedrift.cli.CliRun;
import dev.imagedrift.stream.DeadLetterHeaders;
import dev.imagedrift.tools.ToolsMain;
import dev.imagedrift.tools.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench command against its real embedded broker: a valid run prints figures, an invalid one none. */
class BenchCommandIT {

    @Test
    void aThroughputRunIsValidAndPrintsItsFigures() {
        CliRun r = CliRun.of(ToolsMain.commandLine(), "bench", "throughput", "--events", "4000", "--streams", "4",
                "--threads", "1");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("precomputed: 4,000 events in"), r.out());
        assertTrue(r.out().matches("(?s).*events/s sustained.*"), r.out());
        assertTrue(!r.out().contains("NaN"), r.out());
    }

    /** A third of the records hostile: the run is valid only if each one reached the dead-letter topic with its reason. */
    @Test
    void aPoisonedRunDeadLettersEveryHostileRecordWithItsReason() {
        CliRun r = CliRun.of(ToolsMain.commandLine(), "bench", "poison", "--kind", "precomputed", "--events", "3000",
                "--threads", "1");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("1 record in 3 hostile (1,500)"), r.out());
        assertTrue(r.out().matches("(?s).*good events with poison / clean: \\d+% sustained.*"), r.out());
    }

    @Test
    void aPoisonedBacklogExpectsEachReasonInTurn() {
        assertEquals(Map.of("bad_json", 2L, "undecodable", 2L, "too_large", 1L), PoisonRecords.expectedReasons(5));
    }

    @Test
    void anyDeadLetterMakesTheMeasurementInvalid() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(List.of("dlq"), 2);
            assertEquals(0, DeadLetterAudit.read(broker.bootstrapServers(), "dlq").records());
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                RecordHeaders h = new RecordHeaders();
                h.add(DeadLetterHeaders.REASON, "bad_timestamp".getBytes(StandardCharsets.UTF_8));
                h.add(DeadLetterHeaders.MESSAGE, "600 s ahead".getBytes(StandardCharsets.UTF_8));
                p.send(new ProducerRecord<>("dlq", 1, (byte[]) null, new byte[1], h)).get();
            }
            DeadLetterAudit audit = DeadLetterAudit.read(broker.bootstrapServers(), "dlq");
            assertEquals(1, audit.records());
            assertEquals(Map.of("bad_timestamp", 1L), audit.byReason());
            InvalidMeasurement e = assertThrows(InvalidMeasurement.class, () -> audit.requireNone("bench x"));
            assertTrue(e.getMessage().contains("bad_timestamp") && e.getMessage().contains("600 s ahead"),
                    e.getMessage());
        }
    }
}
