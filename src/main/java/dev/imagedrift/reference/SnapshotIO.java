package dev.imagedrift.reference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.imagedrift.properties.PropertySet;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes and reads reference snapshot files: JSON, gzip-compressed when the file name ends in
 * {@code .gz} (on reading, gzip is recognised by its magic bytes whatever the name).
 *
 * <p>File layout (format version 1):
 * <pre>
 * {
 *   "format": "imagedrift-reference-snapshot",   always this
 *   "formatVersion": 2,
 *   "contentVersion": "3fa2b9c01d4e",            {@link SnapshotVersion}; checked on reading
 *   "createdAt": "2025-01-01T12:00:00Z",
 *   "source": "/data/train",                     the directory the images came from
 *   "propertyNames": ["Aspect Ratio", ...],      column order of every row
 *   "imagesRead": 812,                           images decoded and measured
 *   "sampleLimit": 10000,
 *   "sampleSeed": 42,
 *   "propertiesMode": "exact",                   exact or fast; absent = exact (older files)
 *   "decoder": "turbojpeg",                      the JPEG decoder used (turbojpeg or imageio); optional
 *   "skipped": [{"id": "a/b.jpg", "reason": "undecodable", "message": "..."}],
 *   "samples": [{"id": "a/c.jpg", "values": [0.75, 307200.0, 118.2, 51.9, null, null, null]}],
 *   "embeddings": {                              optional: the sampled images' embeddings
 *     "model": "resnet50", "dimension": 2048,
 *     "source": "/data/train-embeddings.npy",     the file, or the model that computed them
 *     "embedder": {"modelFile": "/m/resnet50.onnx", "inputSize": 224,   only when a model computed them
 *                  "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
 *     "missing": 0,                               sampled images without an embedding
 *     "projection": {"mean": [...2048], "axes": [[...2048], ...], "variance": [...], "totalVariance": 41.2},
 *     "rows": [{"id": "a/c.jpg", "values": [1.2, -0.3, ...]}]   coordinates along the axes
 *   }
 * }
 * </pre>
 * A missing value (NaN) is written as {@code null}. Reading validates everything and fails with an
 * {@link InvalidSnapshotException} naming the file and the problem.
 */
public final class SnapshotIO {
    /** Value of the {@code format} field. */
    public static final String FORMAT_NAME = "imagedrift-reference-snapshot";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // NaN or Infinity literals parse, so validation can name the row instead of failing on a token.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SnapshotIO() {}

    /**
     * Writes the snapshot to {@code file} (gzip when its name ends in .gz), replacing it atomically
     * where the file system allows, so a reader never sees half a file.
     *
     * @throws IllegalArgumentException when the snapshot has no rows or a value is infinite
     */
    public static void write(ReferenceSnapshot snapshot, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(temp);
                 OutputStream out = isGzipName(target) ? new GZIPOutputStream(raw, 1 << 16)
                         : new BufferedOutputStream(raw, 1 << 16)) {
                write(snapshot, out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes the snapshot as (uncompressed) JSON; the stream is left open. */
    public static void write(ReferenceSnapshot snapshot, OutputStream out) throws IOException {
        checkWritable(snapshot);
        JsonFactory factory = MAPPER.getFactory();
        try (JsonGenerator g = factory.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", FORMAT_NAME);
            g.writeNumberField("formatVersion", snapshot.writtenFormatVersion());
            g.writeStringField("contentVersion", snapshot.contentVersion());
            g.writeStringField("createdAt", snapshot.createdAt());
            g.writeStringField("source", snapshot.source());
            g.writeArrayFieldStart("propertyNames");
            for (String name : snapshot.propertyNames()) {
                g.writeString(name);
            }
            g.writeEndArray();
            g.writeNumberField("imagesRead", snapshot.imagesRead());
            g.writeNumberField("sampleLimit", snapshot.sampleLimit());
            g.writeNumberField("sampleSeed", snapshot.sampleSeed());
            g.writeStringField("propertiesMode", snapshot.measuredWith().mode().code());
            if (snapshot.measuredWith().decoder() != null) {
                g.writeStringField("decoder", snapshot.measuredWith().decoder());
            }
            g.writeArrayFieldStart("skipped");
            for (SkippedImage s : snapshot.skipped()) {
                g.writeStartObject();
                g.writeStringField("id", s.id());
                g.writeStringField("reason", s.reason());
                g.writeStringField("message", s.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("samples");
            for (SnapshotRow row : snapshot.samples()) {
                g.writeStartObject();
                g.writeStringField("id", row.id());
                g.writeArrayFieldStart("values");
                for (double v : row.values()) {
                    if (Double.isNaN(v)) {
                        g.writeNull();
                    } else {
                        g.writeNumber(v);
                    }
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            if (snapshot.embeddings() != null) {
                writeEmbeddings(g, snapshot.embeddings());
            }
            g.writeEndObject();
        }
    }

    private static void writeEmbeddings(JsonGenerator g, ReferenceEmbeddings e) throws IOException {
        g.writeObjectFieldStart("embeddings");
        g.writeStringField("model", e.model());
        g.writeNumberField("dimension", e.dimension());
        g.writeStringField("source", e.source());
        if (e.embedder() != null) {
            g.writeObjectFieldStart("embedder");
            g.writeStringField("modelFile", e.embedder().modelFile().toString());
            g.writeStringField("model", e.embedder().model());
            g.writeNumberField("inputSize", e.embedder().inputSize());
            writeArray(g, "mean", e.embedder().mean());
            writeArray(g, "std", e.embedder().std());
            g.writeEndObject();
        }
        g.writeNumberField("missing", e.missing());
        g.writeObjectFieldStart("projection");
        writeArray(g, "mean", e.projection().mean());
        g.writeArrayFieldStart("axes");
        for (double[] axis : e.projection().axes()) {
            g.writeArray(axis, 0, axis.length);
        }
        g.writeEndArray();
        writeArray(g, "variance", e.projection().variance());
        g.writeNumberField("totalVariance", e.projection().totalVariance());
        g.writeEndObject();
        g.writeArrayFieldStart("rows");
        for (int i = 0; i < e.ids().size(); i++) {
            g.writeStartObject();
            g.writeStringField("id", e.ids().get(i));
            writeArray(g, "values", e.rows()[i]);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeArray(JsonGenerator g, String field, double[] values) throws IOException {
        g.writeFieldName(field);
        g.writeArray(values, 0, values.length);
    }

    /** Reads and validates a snapshot, accepting any property names. */
    public static ReferenceSnapshot read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads and validates a snapshot whose properties must be exactly those of {@code expected}
     * (in any order; the result's columns are in {@code expected}'s order).
     */
    public static ReferenceSnapshot read(Path file, PropertySet expected) throws IOException {
        byte[] json = readJsonBytes(file);
        try {
            Header header = readHeader(json);
            SnapshotValidation.checkHeader(file, header.format(), header.formatVersion());
            SnapshotDocument doc = MAPPER.readValue(json, SnapshotDocument.class);
            return SnapshotValidation.toSnapshot(file, doc, expected);
        } catch (JsonProcessingException e) {
            throw new InvalidSnapshotException(file, "not a readable snapshot: " + e.getOriginalMessage()
                    + locationOf(e), e);
        }
    }

    private static void checkWritable(ReferenceSnapshot snapshot) {
        if (snapshot.samples().isEmpty()) {
            throw new IllegalArgumentException("snapshot of " + snapshot.source() + " has no rows; it would not load");
        }
        for (SnapshotRow row : snapshot.samples()) {
            if (row.values().length != snapshot.propertyNames().size()) {
                throw new IllegalArgumentException("row " + row.id() + " has " + row.values().length + " values for "
                        + snapshot.propertyNames().size() + " properties");
            }
            for (int c = 0; c < row.values().length; c++) {
                if (Double.isInfinite(row.values()[c])) {
                    throw new IllegalArgumentException("row " + row.id() + ": " + snapshot.propertyNames().get(c)
                            + " is infinite; a snapshot holds finite values or NaN");
                }
            }
        }
    }

    private static boolean isGzipName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    private static byte[] readJsonBytes(Path file) throws IOException {
        long limit = maxSnapshotBytes();
        long size = Files.size(file);
        if (size > limit) {
            throw new InvalidSnapshotException(file, size + " bytes is over the snapshot size limit of " + limit
                    + " bytes (an eighth of the heap, at least 16 MiB)");
        }
        byte[] bytes = Files.readAllBytes(file);
        boolean gzip = bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B;
        if (!gzip) {
            NotASnapshot.check(file, bytes);
            return bytes;
        }
        // Read at most limit + 1 bytes: a small gzip bomb must end in a clear error, not an OutOfMemoryError.
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            byte[] json = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (json.length > limit) {
                throw new InvalidSnapshotException(file, "decompresses to more than the snapshot size limit of "
                        + limit + " bytes (an eighth of the heap, at least 16 MiB)");
            }
            NotASnapshot.check(file, json);
            return json;
        } catch (InvalidSnapshotException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidSnapshotException(file, "damaged gzip data: " + e.getMessage(), e);
        }
    }

    /** The largest snapshot JSON read: an eighth of the heap (its parsed rows take several times as much). */
    static long maxSnapshotBytes() {
        return Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8);
    }

    private record Header(String format, Integer formatVersion) {}

    /** The top-level format fields alone, skipping everything else unparsed into objects. */
    private static Header readHeader(byte[] json) throws IOException {
        String format = null;
        Integer version = null;
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Header(null, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("format".equals(field) && value == JsonToken.VALUE_STRING) {
                    format = p.getText();
                } else if ("formatVersion".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                    version = p.getIntValue();
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Header(format, version);
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
