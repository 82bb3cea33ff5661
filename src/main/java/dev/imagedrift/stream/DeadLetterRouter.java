package dev.imagedrift.stream;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.Arrays;

/**
 * Turns dead letters into dead-letter topic records: original key and value, reason headers.
 * Values over {@link #MAX_VALUE_BYTES} are truncated (and say so in a header) so that a huge bad
 * record cannot be refused by the dead-letter topic and stop the application.
 */
final class DeadLetterRouter<T> implements Processor<String, Outcome<T>, byte[], byte[]> {
    /** Below the broker's default 1 MiB record limit, leaving room for headers. */
    static final int MAX_VALUE_BYTES = 900_000;

    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Outcome<T>> record) {
        DeadLetter d = record.value().deadLetter();
        byte[] value = d.value();
        boolean truncated = value != null && value.length > MAX_VALUE_BYTES;
        byte[] kept = truncated ? Arrays.copyOf(value, MAX_VALUE_BYTES) : value;
        context.forward(new Record<>(d.key(), kept, record.timestamp(),
                DeadLetterHeaders.of(d, record.headers(), truncated, value == null ? 0 : value.length)));
    }
}
