package dev.imagedrift.stream;

import dev.imagedrift.window.SampleCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary serde of {@link Observation} for the internal repartition topic: a format byte, stream, time,
 * source position, then the sample.
 */
public final class ObservationSerde implements Serde<Observation> {
    private static final byte FORMAT = 1;

    @Override
    public Serializer<Observation> serializer() {
        return (topic, o) -> {
            if (o == null) return null;
            byte[] stream = o.stream().getBytes(StandardCharsets.UTF_8);
            byte[] sourceTopic = o.source().topic() == null ? new byte[0]
                    : o.source().topic().getBytes(StandardCharsets.UTF_8);
            byte[] sample = SampleCodec.encode(o.id(), o.values(), o.embedding());
            return ByteBuffer.allocate(1 + 2 + stream.length + 8 + 2 + sourceTopic.length + 4 + 8 + sample.length)
                    .put(FORMAT).putShort((short) stream.length).put(stream).putLong(o.timestampMs())
                    .putShort((short) sourceTopic.length).put(sourceTopic)
                    .putInt(o.source().partition()).putLong(o.source().offset())
                    .put(sample).array();
        };
    }

    @Override
    public Deserializer<Observation> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) return null;
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte format = b.get();
            if (format != FORMAT) {
                throw new IllegalStateException("observation format " + format + " on " + topic + "; this version "
                        + "reads format " + FORMAT);
            }
            String stream = string(b);
            long time = b.getLong();
            String sourceTopic = string(b);
            SourcePosition source = new SourcePosition(sourceTopic.isEmpty() ? null : sourceTopic, b.getInt(),
                    b.getLong());
            byte[] rest = new byte[b.remaining()];
            b.get(rest);
            SampleCodec.Sample s = SampleCodec.decode(rest);
            return new Observation(s.id(), stream, time, s.values(), source, s.embedding());
        };
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
