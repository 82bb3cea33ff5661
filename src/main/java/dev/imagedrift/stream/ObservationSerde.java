package dev.imagedrift.stream;

import dev.imagedrift.window.SampleCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Binary serde of {@link Observation} for the internal repartition topic: stream, time, then the sample. */
public final class ObservationSerde implements Serde<Observation> {
    @Override
    public Serializer<Observation> serializer() {
        return (topic, o) -> {
            if (o == null) return null;
            byte[] stream = o.stream().getBytes(StandardCharsets.UTF_8);
            byte[] sample = SampleCodec.encode(o.id(), o.values());
            return ByteBuffer.allocate(2 + stream.length + 8 + sample.length)
                    .putShort((short) stream.length).put(stream).putLong(o.timestampMs()).put(sample).array();
        };
    }

    @Override
    public Deserializer<Observation> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) return null;
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte[] stream = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(stream);
            long time = b.getLong();
            byte[] rest = new byte[b.remaining()];
            b.get(rest);
            SampleCodec.Sample s = SampleCodec.decode(rest);
            return new Observation(s.id(), new String(stream, StandardCharsets.UTF_8), time, s.values());
        };
    }
}
