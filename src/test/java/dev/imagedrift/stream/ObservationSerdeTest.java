package dev.imagedrift.stream;

import dev.imagedrift.window.DecodeCap;
import dev.imagedrift.window.SampleCodec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObservationSerdeTest {
    private final ObservationSerde serde = new ObservationSerde();
    private final SourcePosition source = new SourcePosition("image-events", 3, 12_345L);

    private Observation roundTrip(Observation o) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", o));
    }

    @Test
    void measuredAndCountedOnlyObservationsRoundTripWithTheirCap() {
        long cap = DecodeCap.fromPreviousCount(1_000_000, 10_000);
        Observation measured = roundTrip(Observation.measured("img-1", "cam-ü", 1_700_000_000_000L,
                new double[] {1.5, Double.NaN, 3}, source, cap));
        assertTrue(measured.isMeasured());
        assertArrayEquals(new double[] {1.5, Double.NaN, 3}, measured.values());
        assertEquals(cap, measured.decodeCap());
        assertEquals(source, measured.source());
        assertEquals("cam-ü", measured.stream());

        Observation counted = roundTrip(Observation.countedOnly("img-2", "cam", 1_700_000_000_001L, source,
                DecodeCap.NONE));
        assertFalse(counted.isMeasured());
        assertNull(counted.values());
        assertEquals("img-2", counted.id());
        assertEquals(DecodeCap.NONE, counted.decodeCap());
        assertEquals(1_700_000_000_001L, counted.timestampMs());
    }

    /** Records an earlier version left on the repartition topic are read, not lost, in an upgrade. */
    @Test
    void readsTheEarlierFormatAsMeasuredWithoutCap() {
        byte[] stream = "cam".getBytes(StandardCharsets.UTF_8);
        byte[] topic = "image-events".getBytes(StandardCharsets.UTF_8);
        byte[] sample = SampleCodec.encode("old-1", new double[] {7, 8});
        byte[] v1 = ByteBuffer.allocate(1 + 2 + stream.length + 8 + 2 + topic.length + 4 + 8 + sample.length)
                .put((byte) 1).putShort((short) stream.length).put(stream).putLong(42L)
                .putShort((short) topic.length).put(topic).putInt(1).putLong(99L).put(sample).array();
        Observation o = serde.deserializer().deserialize("t", v1);
        assertTrue(o.isMeasured());
        assertEquals("old-1", o.id());
        assertArrayEquals(new double[] {7, 8}, o.values());
        assertEquals(new SourcePosition("image-events", 1, 99L), o.source());
        assertEquals(DecodeCap.NONE, o.decodeCap());
    }

    @Test
    void anUnknownFormatIsRefused() {
        assertThrows(IllegalStateException.class, () -> serde.deserializer().deserialize("t", new byte[] {9, 0, 0}));
    }
}
