package dev.imagedrift.embedding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyReaderTest {
    static final Path NUMPY = Path.of("src/test/resources/embedding");
    static final float[][] EXPECTED = {{-1f, -0.75f, -0.5f}, {-0.25f, 0f, 0.25f}, {0.5f, 0.75f, 1f}, {1.25f, 1.5f, 1.75f}};

    @TempDir
    Path dir;

    @Test
    void readsFloat32AndFloat64FilesWrittenByNumpy() throws IOException {
        for (String name : List.of("three-by-four-f4.npy", "three-by-four-f8.npy")) {
            List<float[]> rows = new ArrayList<>();
            NpyReader.Header h = NpyReader.read(NUMPY.resolve(name), (i, row) -> rows.add(row.clone()));
            assertEquals(4, h.rows(), name);
            assertEquals(3, h.dimension(), name);
            for (int i = 0; i < 4; i++) assertArrayEquals(EXPECTED[i], rows.get(i), name + " row " + i);
        }
    }

    @Test
    void refusesFortranOrderAndBigEndianWithTheFix() {
        IOException fortran = assertThrows(IOException.class, () -> NpyReader.header(NUMPY.resolve("fortran-f4.npy")));
        assertTrue(fortran.getMessage().contains("ascontiguousarray"), fortran.getMessage());
        IOException big = assertThrows(IOException.class, () -> NpyReader.header(NUMPY.resolve("big-endian-f4.npy")));
        assertTrue(big.getMessage().contains("'>f4'") && big.getMessage().contains("little-endian"), big.getMessage());
    }

    @Test
    void refusesATruncatedOrPaddedFileBeforeReadingRows() throws IOException {
        byte[] good = Files.readAllBytes(NUMPY.resolve("three-by-four-f4.npy"));
        Path truncated = write("t.npy", Arrays.copyOf(good, good.length - 4));
        assertTrue(assertThrows(IOException.class, () -> NpyReader.read(truncated, (i, r) -> {
            throw new AssertionError("no row may be read");
        })).getMessage().contains("truncated"));
        Path padded = write("p.npy", Arrays.copyOf(good, good.length + 1));
        assertTrue(assertThrows(IOException.class, () -> NpyReader.header(padded)).getMessage().contains("extra bytes"));
    }

    @Test
    void aHugeDeclaredShapeIsRefusedWithoutAllocatingIt() throws IOException {
        // 2^40 rows of dimension 4096 in a file of 128 bytes: the size check refuses it at once.
        Path lie = write("lie.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627776, 4096), }", 0));
        assertTrue(assertThrows(IOException.class, () -> NpyReader.header(lie)).getMessage().contains("rows; at most"));
        Path wide = write("wide.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 100000), }", 0));
        assertTrue(assertThrows(IOException.class, () -> NpyReader.header(wide)).getMessage().contains("dimension 100000"));
    }

    @Test
    void refusesOtherArraysAndBrokenHeaders() throws IOException {
        assertMessage(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 12), "2-D array");
        assertMessage(npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1, 3), }", 12), "dtype '<i4'");
        assertMessage(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), 'x': 1}", 12), "unexpected header key");
        assertMessage(npy("{'descr': '<f4', 'shape': (1, 3), }", 12), "exactly descr");
        assertMessage(npy("not a dict", 0), "not a dictionary");
        assertMessage("PK\u0003\u0004 a zip".getBytes(StandardCharsets.ISO_8859_1), "magic");
    }

    @Test
    void readsVersion2Headers() throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }";
        ByteBuffer b = ByteBuffer.allocate(12 + header.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1)).putFloat(3f).putFloat(-4f);
        Path file = write("v2.npy", b.array());
        List<float[]> rows = new ArrayList<>();
        NpyReader.read(file, (i, row) -> rows.add(row.clone()));
        assertArrayEquals(new float[] {3f, -4f}, rows.get(0));
    }

    private void assertMessage(byte[] content, String expected) throws IOException {
        Path file = write("x.npy", content);
        IOException e = assertThrows(IOException.class, () -> NpyReader.header(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** A version-1 file with this header and {@code dataBytes} zero bytes of data. */
    static byte[] npy(String header, int dataBytes) {
        byte[] h = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h);
        return b.array();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
