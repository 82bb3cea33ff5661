package dev.imagedrift.stream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The fetch stage's store format: an input record that waits for its image (or for an image
 * ahead of it), keyed by its place in the task's queue, with everything needed to hand it on after
 * a restart: key, value, headers, timestamp and where it was read.
 */
final class PendingRecords {
    private static final byte VERSION = 1;

    private PendingRecords() {}

    /** One waiting record, as stored. */
    record Pending(long sequence, Record<byte[], byte[]> record, SourcePosition source) {}

    /** The store key: the sequence number, big-endian, so the store's order is the queue's. */
    static byte[] key(long sequence) {
        return ByteBuffer.allocate(8).putLong(sequence).array();
    }

    static long sequence(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    static byte[] encode(Record<byte[], byte[]> record, SourcePosition source) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + length(record.value()) + length(record.key()));
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeLong(record.timestamp());
            out.writeBoolean(source.topic() != null);
            if (source.topic() != null) {
                out.writeUTF(source.topic());
            }
            out.writeInt(source.partition());
            out.writeLong(source.offset());
            writeBytes(out, record.key());
            writeBytes(out, record.value());
            Header[] headers = record.headers() == null ? new Header[0] : record.headers().toArray();
            out.writeInt(headers.length);
            for (Header h : headers) {
                out.writeUTF(h.key());
                writeBytes(out, h.value());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
    }

    static Pending decode(byte[] key, byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("pending-fetch record of unknown version " + version);
            }
            long timestamp = in.readLong();
            String topic = in.readBoolean() ? in.readUTF() : null;
            SourcePosition source = new SourcePosition(topic, in.readInt(), in.readLong());
            byte[] recordKey = readBytes(in);
            byte[] value = readBytes(in);
            Headers headers = new RecordHeaders();
            for (int i = in.readInt(); i > 0; i--) {
                headers.add(in.readUTF(), readBytes(in));
            }
            return new Pending(sequence(key), new Record<>(recordKey, value, timestamp, headers), source);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable pending-fetch record", e);
        }
    }

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
