package dev.imagedrift.window;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Compact binary form of one kept sample (id, property values, and the projected embedding when the
 * event had one): about 8 bytes a value plus the id. The embedding block is appended after the
 * values, so samples written before embeddings existed read back as samples without one.
 */
public final class SampleCodec {
    private SampleCodec() {}

    /**
     * One sample of a window reservoir.
     *
     * @param values    property values (empty when the event carried only an embedding)
     * @param embedding the embedding's coordinates along the reference's projection, or null
     */
    public record Sample(String id, double[] values, double[] embedding) {
        public Sample(String id, double[] values) {
            this(id, values, null);
        }
    }

    public static byte[] encode(String id, double[] values) {
        return encode(id, values, null);
    }

    public static byte[] encode(String id, double[] values, double[] embedding) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        int embeddingBytes = embedding == null ? 0 : 2 + 8 * embedding.length;
        ByteBuffer b = ByteBuffer.allocate(2 + idBytes.length + 2 + 8 * values.length + embeddingBytes);
        b.putShort((short) idBytes.length).put(idBytes).putShort((short) values.length);
        for (double v : values) {
            b.putDouble(v);
        }
        if (embedding != null) {
            b.putShort((short) embedding.length);
            for (double v : embedding) {
                b.putDouble(v);
            }
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
        double[] embedding = null;
        if (b.hasRemaining()) {
            embedding = new double[Short.toUnsignedInt(b.getShort())];
            for (int i = 0; i < embedding.length; i++) {
                embedding[i] = b.getDouble();
            }
        }
        return new Sample(new String(id, StandardCharsets.UTF_8), values, embedding);
    }
}
