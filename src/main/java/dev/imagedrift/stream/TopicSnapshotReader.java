package dev.imagedrift.stream;

import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.MeasuredWith;
import dev.imagedrift.reference.SnapshotAccumulator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A reference snapshot of one stream's own traffic over a time range, read from the input topic:
 * the baseline a static camera needs (its own scene, not the training set). Events are read with a
 * plain {@link KafkaConsumer} (read_committed, no consumer group, nothing committed) and parsed and
 * measured exactly as the monitor does ({@link EventParser}, {@link PropertyExtractor}); events of
 * other streams or outside [from, to) by event time are passed over, and events the monitor would
 * dead-letter are listed as skipped with the same reason codes (those keyed by another stream are
 * counted as that stream's).
 *
 * <p>Bounded work: partitions are read from the offset of record time {@code from - slack} up to
 * the end offsets seen at the start (records produced meanwhile are not waited for), and a
 * partition stops early once its record time passes {@code to + slack}. {@code slack} covers
 * producers whose record time differs from the event time they carry (the monitor's
 * {@code window.max-clock-skew}). Skips are listed up to {@value #LISTED_SKIPS}; the rest are counted.
 */
public final class TopicSnapshotReader {
    /** Skipped events listed in the snapshot; more are only counted (a topic may hold millions). */
    public static final int LISTED_SKIPS = 1000;
    private static final Duration POLL = Duration.ofMillis(500);

    /** What was read besides the snapshot. */
    public record Result(ReferenceSnapshot snapshot, long recordsRead, long otherStreams, long outsideRange,
                         long skipped) {}

    private final Properties consumerSettings;
    private final EventParser parser = new EventParser();
    private final PropertyExtractor extractor;
    private final MeasuredWith measuredWith;
    private final PropertySet properties;
    private final Clock clock;

    /**
     * @param clientSettings bootstrap servers and any client settings (security, ...); the reader sets
     *                       its own deserializers, isolation level and offset handling
     */
    public TopicSnapshotReader(Map<String, String> clientSettings, PropertySet properties, ImageDecoder decoder,
                               Clock clock) {
        Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions, no group: nothing is committed
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumerSettings = p;
        this.properties = properties;
        this.extractor = new PropertyExtractor(decoder, properties);
        this.measuredWith = MeasuredWith.of(decoder);
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException when the topic does not exist or {@code from} is not before {@code to}
     * @throws org.apache.kafka.common.errors.TimeoutException when the cluster does not answer within {@code timeout}
     */
    public Result read(String topic, String stream, Instant from, Instant to, Duration slack, int maxSamples, long seed,
                       Duration timeout) {
        if (!from.isBefore(to)) throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        long stopAfter = saturatedAdd(toMs, slack.toMillis());
        SnapshotAccumulator accumulator = new SnapshotAccumulator(properties.names(), maxSamples, seed);
        long records = 0;
        long otherStreams = 0;
        long outside = 0;
        long skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) throw new IllegalArgumentException("topic " + topic + " does not exist");
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : infos) partitions.add(new TopicPartition(topic, info.partition()));
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> startTimes = new HashMap<>();
            for (TopicPartition tp : partitions) startTimes.put(tp, Math.max(0, fromMs - slack.toMillis()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(startTimes, timeout);
            Set<TopicPartition> open = new HashSet<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                long offset = start == null ? end.get(tp) : start.offset();
                consumer.seek(tp, offset);
                if (offset < end.get(tp)) open.add(tp);
            }
            consumer.pause(difference(partitions, open));
            Instant deadline = clock.instant().plus(timeout);
            while (!open.isEmpty()) {
                if (clock.instant().isAfter(deadline)) {
                    throw new org.apache.kafka.common.errors.TimeoutException("reading " + topic + " took longer than "
                            + timeout + "; " + records + " records read");
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (!open.contains(tp)) continue;
                    if (r.offset() >= end.get(tp) || r.timestamp() > stopAfter) {
                        close(consumer, open, tp);
                        continue;
                    }
                    records++;
                    String fallbackId = r.topic() + "/" + r.partition() + "@" + r.offset();
                    try {
                        ImageEvent event = parser.parse(r.key(), r.value(), r.headers(), r.timestamp(), fallbackId);
                        if (!event.stream().equals(stream)) {
                            otherStreams++;
                        } else if (event.timestampMs() < fromMs || event.timestampMs() >= toMs) {
                            outside++;
                        } else {
                            Observation o = extractor.extract(event, new SourcePosition(r.topic(), r.partition(), r.offset()));
                            accumulator.add(o.id(), o.values());
                        }
                    } catch (RejectedEvent e) {
                        // An unusable record names no stream but perhaps by its key: count it against this
                        // stream only when the key is this stream's (or absent), not every camera's junk.
                        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                        if (key != null && !key.isEmpty() && !key.equals(stream)) {
                            otherStreams++;
                        } else if (++skipped <= LISTED_SKIPS) {
                            accumulator.skip(fallbackId, e.reason().code(), e.getMessage());
                        }
                    }
                }
                // A partition whose end offset is a transaction marker (or compacted away) has no record there.
                for (TopicPartition tp : List.copyOf(open)) {
                    if (consumer.position(tp, timeout) >= end.get(tp)) close(consumer, open, tp);
                }
            }
        }
        String source = String.format(java.util.Locale.ROOT, "topic %s, stream %s, event time [%s, %s)", topic, stream, from, to);
        return new Result(accumulator.build(source, clock.instant(), measuredWith), records, otherStreams, outside, skipped);
    }

    private static void close(KafkaConsumer<byte[], byte[]> consumer, Set<TopicPartition> open, TopicPartition tp) {
        open.remove(tp);
        consumer.pause(List.of(tp));
    }

    private static List<TopicPartition> difference(List<TopicPartition> all, Set<TopicPartition> keep) {
        List<TopicPartition> rest = new ArrayList<>();
        for (TopicPartition tp : all) if (!keep.contains(tp)) rest.add(tp);
        return rest;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
