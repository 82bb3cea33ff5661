package dev.imagedrift.tools.evaluation;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Property tables on disk, so the images are decoded, shifted and measured once. A cache entry is
 * named by a hash of a description of everything that made it (sources, sizes, seeds, shifts,
 * format version) and holds that description, so a change of any of them makes a new entry.
 */
final class VectorCache {
    private static final int MAGIC = 0x49445643; // "IDVC"
    private static final int VERSION = 1;

    private final Path directory;

    VectorCache(Path directory) {
        this.directory = directory;
    }

    Path fileFor(String description) {
        return directory.resolve("vectors-" + hash(description) + ".bin");
    }

    /** Whether an entry for exactly this description exists (reads only its header). */
    boolean has(String description) {
        Path file = fileFor(description);
        if (!Files.isRegularFile(file)) return false;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return in.readInt() == MAGIC && in.readInt() == VERSION && readLong(in).equals(description);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The tables stored for exactly this description, if any (an unreadable entry counts as none). */
    Optional<Map<String, PropertyTable>> load(String description) {
        Path file = fileFor(description);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION || !readLong(in).equals(description)) {
                return Optional.empty();
            }
            List<String> properties = readStrings(in);
            int tables = in.readInt();
            Map<String, PropertyTable> result = new LinkedHashMap<>();
            for (int t = 0; t < tables; t++) {
                String name = in.readUTF();
                List<String> ids = readStrings(in);
                double[][] rows = new double[ids.size()][properties.size()];
                for (double[] row : rows) {
                    for (int j = 0; j < row.length; j++) row[j] = in.readDouble();
                }
                result.put(name, new PropertyTable(name, properties, ids, rows));
            }
            return Optional.of(result);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the tables (all with the same properties) atomically: a reader never sees half a file. */
    void store(String description, Map<String, PropertyTable> tables) throws IOException {
        Files.createDirectories(directory);
        Path file = fileFor(description);
        Path temp = Files.createTempFile(directory, "vectors-", ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                writeLong(out, description);
                List<String> properties = tables.values().iterator().next().propertyNames();
                writeStrings(out, properties);
                out.writeInt(tables.size());
                for (PropertyTable table : tables.values()) {
                    out.writeUTF(table.name());
                    writeStrings(out, table.ids());
                    for (double[] row : table.rows()) {
                        for (double v : row) out.writeDouble(v);
                    }
                }
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A string of any length (writeUTF stops at 64 KB; the description lists hundreds of files). */
    private static void writeLong(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readLong(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (64 << 20)) throw new IOException("bad description length " + n);
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("negative count");
        List<String> list = new ArrayList<>(Math.min(n, 1 << 20));
        for (int i = 0; i < n; i++) list.add(in.readUTF());
        return list;
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) out.writeUTF(s);
    }

    private static String hash(String description) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(description.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
