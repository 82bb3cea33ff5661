package dev.imagedrift.stream;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where an input record was read: its topic, partition and offset. Carried with each observation
 * through the repartition, so a late event's dead letter names the record the producer wrote, not
 * the internal topic it passed through.
 */
public record SourcePosition(String topic, int partition, long offset) {
    /** Used when a record has no metadata (a punctuation, or a test that does not set it). */
    public static final SourcePosition UNKNOWN = new SourcePosition(null, -1, -1);

    static SourcePosition of(ProcessorContext<?, ?> context) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        return meta == null ? UNKNOWN : new SourcePosition(meta.topic(), meta.partition(), meta.offset());
    }

    /** "topic/partition@offset": the default id of an event that carries none. */
    @Override
    public String toString() {
        return topic + "/" + partition + "@" + offset;
    }
}
