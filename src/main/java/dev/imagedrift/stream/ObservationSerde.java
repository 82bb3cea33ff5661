package dev.imagedrift.stream;

import dev.imagedrift.window.DecodeCap;
import dev.imagedrift.window.SampleCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary serde of {@link Observation} for the internal repartition topic: a format byte, stream, time,
 * source position, decode cap, whether it was measured, then the sample with its embedding (or only
 * the id). Format 1 (before sampling moved ahead of decoding: always measured, no cap) is still read,
 * so records left on the repartition topic by an earlier version are not lost in an upgrade.
 */
public final class ObservationSerde implements Serde<Observation> {
    private static final byte FORMAT = 2;
    private static final byte FORMAT_MEASURED_ONLY = 1;
    private static final byte MEASURED = 1;
    private static final byte COUNTED_ONLY = 0;

    @Override
    public Serializer<Observation> serializer() {
        return (topic, o) -> {
            if (o == null) return null;
            byte[] stream = o.stream().getBytes(StandardCharsets.UTF_8);
            byte[] sourceTopic = o.source().topic() == null ? new byte[0]
                    : o.source().topic().getBytes(StandardCharsets.UTF_8);
            byte[] sample = o.isMeasured() ? SampleCodec.encode(o.id(), o.values(), o.embedding())
                    : o.id().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + 2 + stream.length + 8 + 2 + sourceTopic.length + 4 + 8 + 8 + 1
                            + sample.length)
                    .put(FORMAT).putShort((short) stream.length).put(stream).putLong(o.timestampMs())
                    .putShort((short) sourceTopic.length).put(sourceTopic)
                    .putInt(o.source().partition()).putLong(o.source().offset())
                    .putLong(o.decodeCap()).put(o.isMeasured() ? MEASURED : COUNTED_ONLY)
                    .put(sample).array();
        };
    }

    @Override
    public Deserializer<Observation> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) return null;
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte format = b.get();
            if (format != FORMAT && format != FORMAT_MEASURED_ONLY) {
                throw new IllegalStateException("observation format " + format + " on " + topic + "; this version "
                        + "reads formats " + FORMAT_MEASURED_ONLY + " and " + FORMAT);
            }
            String stream = string(b);
            long time = b.getLong();
            String sourceTopic = string(b);
            SourcePosition source = new SourcePosition(sourceTopic.isEmpty() ? null : sourceTopic, b.getInt(),
                    b.getLong());
            long cap = format == FORMAT ? b.getLong() : DecodeCap.NONE;
            boolean measured = format == FORMAT_MEASURED_ONLY || b.get() == MEASURED;
            byte[] rest = new byte[b.remaining()];
            b.get(rest);
            if (!measured) {
                return Observation.countedOnly(new String(rest, StandardCharsets.UTF_8), stream, time, source, cap);
            }
            SampleCodec.Sample s = SampleCodec.decode(rest);
            return new Observation(s.id(), stream, time, s.values(), source, s.embedding(), cap);
        };
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
