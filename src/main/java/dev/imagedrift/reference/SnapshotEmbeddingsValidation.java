package dev.imagedrift.reference;

import dev.imagedrift.embedding.EmbedderSpec;
import dev.imagedrift.embedding.Projection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a snapshot file's embeddings section; every problem names the file and the field or row. */
final class SnapshotEmbeddingsValidation {
    private SnapshotEmbeddingsValidation() {}

    static ReferenceEmbeddings toEmbeddings(Path file, SnapshotDocument.Embeddings doc, List<SnapshotRow> samples)
            throws InvalidSnapshotException {
        String model = require(file, doc.model(), "model");
        int dimension = require(file, doc.dimension(), "dimension");
        SnapshotDocument.ProjectionDoc p = require(file, doc.projection(), "projection");
        List<SnapshotDocument.Row> rows = require(file, doc.rows(), "rows");
        Projection projection;
        try {
            projection = new Projection(p.mean(), p.axes(), p.variance(),
                    require(file, p.totalVariance(), "projection.totalVariance"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSnapshotException(file, "embeddings.projection: " + e.getMessage());
        }
        Set<String> sampled = new HashSet<>();
        for (SnapshotRow r : samples) sampled.add(r.id());
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>(rows.size());
        double[][] values = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            SnapshotDocument.Row row = rows.get(i);
            String where = "embeddings.rows[" + i + "]";
            if (row == null || row.id() == null || row.values() == null) {
                throw new InvalidSnapshotException(file, where + " needs an id and values");
            }
            if (!sampled.contains(row.id())) {
                throw new InvalidSnapshotException(file, where + ": id \"" + row.id() + "\" is not a sampled image");
            }
            if (!seen.add(row.id())) {
                throw new InvalidSnapshotException(file, where + ": id \"" + row.id() + "\" appears twice");
            }
            if (row.values().size() != projection.components()) {
                throw new InvalidSnapshotException(file, where + " has " + row.values().size() + " values for "
                        + projection.components() + " components");
            }
            double[] v = new double[projection.components()];
            for (int c = 0; c < v.length; c++) {
                Double x = row.values().get(c);
                if (x == null || !Double.isFinite(x)) {
                    throw new InvalidSnapshotException(file, where + ": value " + c + " is " + x + "; coordinates are "
                            + "finite numbers");
                }
                v[c] = x;
            }
            ids.add(row.id());
            values[i] = v;
        }
        try {
            return new ReferenceEmbeddings(model, dimension, doc.source(), embedder(doc.embedder()), projection, ids,
                    values, doc.missing() == null ? 0 : doc.missing());
        } catch (IllegalArgumentException e) {
            throw new InvalidSnapshotException(file, "embeddings: " + e.getMessage());
        }
    }

    private static EmbedderSpec embedder(SnapshotDocument.Embedder e) {
        if (e == null) return null;
        if (e.modelFile() == null || e.inputSize() == null) {
            throw new IllegalArgumentException("embedder needs modelFile and inputSize");
        }
        return new EmbedderSpec(Path.of(e.modelFile()), e.model(), e.inputSize(), e.mean(), e.std());
    }

    private static <T> T require(Path file, T value, String field) throws InvalidSnapshotException {
        if (value == null) throw new InvalidSnapshotException(file, "embeddings has no \"" + field + "\" field");
        return value;
    }
}
