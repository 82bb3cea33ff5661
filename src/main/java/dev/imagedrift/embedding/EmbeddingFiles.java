package dev.imagedrift.embedding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reference embeddings from a file, keyed by image id (the id a snapshot gives an image: its path
 * relative to the images directory, with '/' separators). Two formats:
 *
 * <ul>
 *   <li><b>NumPy</b>: {@code embeddings.npy} (a 2-D float32/float64 array, {@link NpyReader}) plus a
 *       text file of ids, one per line, line i naming row i. What a Python pipeline has at hand
 *       ({@code np.save}); compact and exact (4 bytes a value), read row by row.</li>
 *   <li><b>JSON Lines</b> ({@code .jsonl} or {@code .ndjson}): one object a line,
 *       {@code {"id": "a/b.jpg", "embedding": [0.12, -0.5, ...]}}; other fields are ignored. What any
 *       other language can write, self-keyed, easy to inspect; about 3 times larger.</li>
 * </ul>
 *
 * Only the rows of the wanted ids are kept, so a file of every training image can serve a snapshot
 * of a sample of them. Every row is still checked: one dimension throughout, finite values, no id
 * twice, so a broken file is refused whole rather than half used.
 */
public final class EmbeddingFiles {
    /** Longest id accepted (the event parser's limit). */
    static final int MAX_ID_LENGTH = 1024;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_ID_LENGTH * 4).maxNumberLength(64).maxNestingDepth(4).build())
            .build();

    private EmbeddingFiles() {}

    /**
     * Reads the embeddings of {@code wanted} from {@code file}.
     *
     * @param ids the ids file of a {@code .npy} file (one id a line); must be null for JSON Lines
     * @throws InvalidEmbeddingsException naming the file, the line or row, and the problem
     */
    public static EmbeddingTable read(Path file, Path ids, Set<String> wanted) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            if (ids == null) {
                throw new InvalidEmbeddingsException(file, "a .npy file needs its ids file (one image id a line, "
                        + "line i naming row i)");
            }
            return readNpy(file, ids, wanted);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            if (ids != null) {
                throw new InvalidEmbeddingsException(ids, "an ids file goes with a .npy file only; JSON Lines rows "
                        + "carry their own ids");
            }
            return readJsonLines(file, wanted);
        }
        throw new InvalidEmbeddingsException(file, "unknown embeddings format: use a .npy file (with an ids file) "
                + "or JSON Lines (.jsonl)");
    }

    private static EmbeddingTable readNpy(Path file, Path idsFile, Set<String> wanted) throws IOException {
        NpyReader.Header header = NpyReader.header(file);
        String[] ids = readIds(idsFile, header.rows());
        Map<String, float[]> kept = new HashMap<>();
        NpyReader.read(file, (row, values) -> {
            int bad = Embedding.firstNonFinite(values);
            if (bad >= 0) {
                throw new InvalidEmbeddingsException(file, "row " + row + " (id \"" + ids[(int) row] + "\"): value "
                        + bad + " is " + values[bad] + "; only finite numbers are accepted");
            }
            if (wanted.contains(ids[(int) row])) kept.put(ids[(int) row], values.clone());
        });
        return new EmbeddingTable(header.dimension(), kept, header.rows());
    }

    /** The ids, exactly {@code rows} of them, none twice. */
    private static String[] readIds(Path idsFile, long rows) throws IOException {
        if (rows > Integer.MAX_VALUE - 8) {
            throw new InvalidEmbeddingsException(idsFile, rows + " rows are more than one ids file can name");
        }
        String[] ids = new String[(int) rows];
        Set<String> seen = new HashSet<>();
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(idsFile, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (n == ids.length) {
                    if (line.isEmpty()) continue; // trailing blank lines
                    throw new InvalidEmbeddingsException(idsFile, "more ids than the " + rows + " rows of the array");
                }
                String id = checkId(idsFile, "line " + (n + 1), line);
                if (!seen.add(id)) {
                    throw new InvalidEmbeddingsException(idsFile, "line " + (n + 1) + ": id \"" + id + "\" appears twice");
                }
                ids[n++] = id;
            }
        }
        if (n != ids.length) {
            throw new InvalidEmbeddingsException(idsFile, n + " ids for the " + rows + " rows of the array");
        }
        return ids;
    }

    private static EmbeddingTable readJsonLines(Path file, Set<String> wanted) throws IOException {
        Map<String, float[]> kept = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int dimension = -1;
        long rows = 0;
        float[] buffer = new float[EmbeddingLimits.MAX_DIMENSION];
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                long line = p.currentLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw new InvalidEmbeddingsException(file, "line " + line + ": not a JSON object");
                }
                String id = null;
                int n = -1;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("id")) {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new InvalidEmbeddingsException(file, "line " + line + ": \"id\" must be a string");
                        }
                        id = checkId(file, "line " + line, p.getText());
                    } else if (field.equals("embedding")) {
                        n = readArray(file, line, p, buffer);
                    } else {
                        p.skipChildren();
                    }
                }
                if (id == null) throw new InvalidEmbeddingsException(file, "line " + line + ": no \"id\"");
                if (n < 0) throw new InvalidEmbeddingsException(file, "line " + line + ": no \"embedding\"");
                if (dimension < 0) dimension = n;
                if (n != dimension) {
                    throw new InvalidEmbeddingsException(file, "line " + line + " (id \"" + id + "\"): dimension " + n
                            + ", earlier rows " + dimension);
                }
                if (!seen.add(id)) {
                    throw new InvalidEmbeddingsException(file, "line " + line + ": id \"" + id + "\" appears twice");
                }
                if (++rows > EmbeddingLimits.MAX_FILE_ROWS) {
                    throw new InvalidEmbeddingsException(file, "more than " + EmbeddingLimits.MAX_FILE_ROWS + " rows");
                }
                if (wanted.contains(id)) kept.put(id, java.util.Arrays.copyOf(buffer, n));
            }
        } catch (JsonProcessingException e) {
            throw new InvalidEmbeddingsException(file, "line " + (e.getLocation() == null ? "?"
                    : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage());
        }
        if (dimension < 0) throw new InvalidEmbeddingsException(file, "no rows");
        return new EmbeddingTable(dimension, kept, rows);
    }

    /** Reads a JSON array of numbers into {@code buffer}, at most its length; returns the count. */
    private static int readArray(Path file, long line, JsonParser p, float[] buffer) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidEmbeddingsException(file, "line " + line + ": \"embedding\" must be an array of numbers");
        }
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                throw new InvalidEmbeddingsException(file, "line " + line + ": embedding value " + n
                        + " is not a number");
            }
            if (n == buffer.length) {
                throw new InvalidEmbeddingsException(file, "line " + line + ": more than "
                        + EmbeddingLimits.MAX_DIMENSION + " values (the largest dimension supported)");
            }
            float v = p.getFloatValue();
            if (!Float.isFinite(v)) {
                throw new InvalidEmbeddingsException(file, "line " + line + ": embedding value " + n
                        + " is not a finite float32");
            }
            buffer[n++] = v;
        }
        if (n == 0) throw new InvalidEmbeddingsException(file, "line " + line + ": the embedding is empty");
        return n;
    }

    private static String checkId(Path file, String where, String id) throws InvalidEmbeddingsException {
        if (id.isBlank()) throw new InvalidEmbeddingsException(file, where + ": empty id");
        if (id.length() > MAX_ID_LENGTH) {
            throw new InvalidEmbeddingsException(file, where + ": id longer than " + MAX_ID_LENGTH + " characters");
        }
        return id;
    }
}
