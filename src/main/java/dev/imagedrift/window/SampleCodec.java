package dev.imagedrift.window;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Compact binary form of one kept sample (id and property values): about 8 bytes a property plus the id. */
public final class SampleCodec {
    private SampleCodec() {}

    /** One sample of a window reservoir. */
    public record Sample(String id, double[] values) {}

    public static byte[] encode(String id, double[] values) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(2 + idBytes.length + 2 + 8 * values.length);
        b.putShort((short) idBytes.length).put(idBytes).putShort((short) values.length);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    public static Sample decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] id = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(id);
        double[] values = new double[Short.toUnsignedInt(b.getShort())];
        for (int i = 0; i < values.length; i++) {
            values[i] = b.getDouble();
        }
        return new Sample(new String(id, StandardCharsets.UTF_8), values);
    }
}
