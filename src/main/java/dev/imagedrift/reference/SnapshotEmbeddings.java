package dev.imagedrift.reference;

import dev.imagedrift.detect.Samples;
import dev.imagedrift.embedding.EmbeddingFailedException;
import dev.imagedrift.embedding.EmbeddingFiles;
import dev.imagedrift.embedding.EmbeddingTable;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.embedding.Projection;
import dev.imagedrift.image.ImageRejected;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gives a snapshot's sampled images their embeddings, from a file keyed by image id or computed by
 * a model, fits the projection on them (the reference alone) and projects the other side of a
 * comparison with it. The embeddings belong to the images the snapshot sampled: the same seeded
 * sample serves both tests.
 */
public final class SnapshotEmbeddings {
    /** Fewest reference embeddings a projection and a classifier can use. */
    public static final int MIN_ROWS = 10;
    private static final int LISTED = 3;

    private SnapshotEmbeddings() {}

    /** What a side's embedding pass found: embeddings by id, and the sampled images without one. */
    public record Found(int dimension, Map<String, float[]> embeddings, int missing, String source) {}

    /**
     * The embeddings of the snapshot's sampled images from {@code file} ({@link EmbeddingFiles}).
     *
     * @throws IOException when the file cannot be used, or holds none of the sampled ids
     */
    public static Found fromFile(ReferenceSnapshot snapshot, Path file, Path ids) throws IOException {
        Set<String> wanted = sampleIds(snapshot);
        EmbeddingTable table = EmbeddingFiles.read(file, ids, wanted);
        if (table.rows().isEmpty()) {
            String fileIdsHint = ids != null ? " (ids file " + ids + ")" : "";
            throw new IOException(file + fileIdsHint + ": none of its " + table.rowsInFile() + " embeddings belongs to "
                    + "the " + wanted.size() + " sampled images; ids are paths relative to the images directory, e.g. "
                    + wanted.stream().sorted().limit(LISTED).toList());
        }
        Map<String, float[]> ordered = new LinkedHashMap<>();
        for (SnapshotRow row : snapshot.samples()) {
            float[] e = table.rows().get(row.id());
            if (e != null) ordered.put(row.id(), e);
        }
        return new Found(table.dimension(), ordered, wanted.size() - ordered.size(), file.toString());
    }

    /**
     * The embeddings of the snapshot's sampled images, computed by {@code embedder} from the image
     * files under the snapshot's source directory, on {@code threads} threads. Images the loader or
     * the model refuses count as missing.
     */
    public static Found fromModel(ReferenceSnapshot snapshot, ImageLoader loader, ImageEmbedder embedder,
                                  int threads) throws IOException {
        Path root = Path.of(snapshot.source());
        List<SnapshotRow> rows = snapshot.samples();
        Map<String, float[]> found = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "embedding-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SnapshotRow row : rows) {
                futures.add(pool.submit(() -> {
                    try {
                        found.put(row.id(), embedder.embed(loader.load(root.resolve(row.id()))));
                    } catch (ImageRejected | EmbeddingFailedException e) {
                        // Counted as missing: the same image was measured, so this is rare (a model failure).
                    }
                }));
            }
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("embedding interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) throw error;
            throw new IOException("embedding " + root + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Map<String, float[]> ordered = new LinkedHashMap<>();
        for (SnapshotRow row : rows) {
            float[] e = found.get(row.id());
            if (e != null) ordered.put(row.id(), e);
        }
        if (ordered.isEmpty()) throw new IOException("the model " + embedder.model() + " embedded none of the images");
        return new Found(embedder.dimension(), ordered, rows.size() - ordered.size(), embedder.spec().modelFile().toString());
    }

    /**
     * The reference side: fits the projection on {@code found} and keeps each image's coordinates.
     *
     * @throws IllegalArgumentException with fewer than {@link #MIN_ROWS} embeddings
     */
    public static ReferenceSnapshot attach(ReferenceSnapshot snapshot, Found found, String model,
                                           dev.imagedrift.embedding.EmbedderSpec embedder, int components) {
        if (found.embeddings().size() < MIN_ROWS) {
            throw new IllegalArgumentException("only " + found.embeddings().size() + " sampled images have an embedding; "
                    + "at least " + MIN_ROWS + " are needed");
        }
        List<float[]> vectors = new ArrayList<>(found.embeddings().values());
        Projection projection = Projection.fit(vectors, components);
        List<String> ids = new ArrayList<>(found.embeddings().keySet());
        double[][] rows = new double[ids.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = projection.project(vectors.get(i));
        return snapshot.withEmbeddings(new ReferenceEmbeddings(model, found.dimension(), found.source(), embedder,
                projection, ids, rows, found.missing()));
    }

    /**
     * The current side: its embeddings projected with the reference's axes.
     *
     * @throws IllegalArgumentException when the dimensions differ
     */
    public static Samples project(ReferenceEmbeddings reference, Found current) {
        if (current.dimension() != reference.dimension()) {
            throw new IllegalArgumentException("the current embeddings have dimension " + current.dimension()
                    + ", the reference's " + reference.dimension() + " (model " + reference.model() + ")");
        }
        List<String> ids = new ArrayList<>(current.embeddings().keySet());
        double[][] rows = new double[ids.size()][];
        int i = 0;
        for (float[] e : current.embeddings().values()) rows[i++] = reference.projection().project(e);
        return new Samples(reference.projection().componentNames(), rows, ids);
    }

    private static Set<String> sampleIds(ReferenceSnapshot snapshot) {
        Set<String> ids = new HashSet<>();
        for (SnapshotRow row : snapshot.samples()) ids.add(row.id());
        return ids;
    }
}
