package dev.imagedrift.reference;

import dev.imagedrift.detect.Samples;

import java.util.ArrayList;
import java.util.List;

/**
 * A reference ("training") sample: property vectors of a seeded uniform sample of the reference
 * images, with the counts and skip list of the run that built it.
 *
 * @param formatVersion  snapshot file format version ({@link #FORMAT_VERSION})
 * @param createdAt      ISO-8601 instant of the build
 * @param source         where the images came from (a directory, as given)
 * @param propertyNames  column order of every row
 * @param imagesRead     images decoded and measured
 * @param skipped        files that could not be used, each with its reason
 * @param sampleLimit    the bound on {@code samples}
 * @param sampleSeed     seed of the uniform sample
 * @param samples        the sampled rows (at most sampleLimit)
 * @param measuredWith   the properties mode and JPEG decoder the rows were measured with
 * @param embeddings     the sampled images' embeddings, projected (null when the snapshot has none)
 */
public record ReferenceSnapshot(int formatVersion, String createdAt, String source, List<String> propertyNames,
                                long imagesRead, List<SkippedImage> skipped, int sampleLimit, long sampleSeed,
                                List<SnapshotRow> samples, MeasuredWith measuredWith, ReferenceEmbeddings embeddings) {
    /** The newest format version, read and written: 2 added the optional embeddings. */
    public static final int FORMAT_VERSION = 2;
    /** The version written for a snapshot without embeddings, so that older monitors still read it. */
    public static final int FORMAT_VERSION_WITHOUT_EMBEDDINGS = 1;

    public ReferenceSnapshot {
        propertyNames = List.copyOf(propertyNames);
        skipped = List.copyOf(skipped);
        samples = List.copyOf(samples);
        measuredWith = measuredWith == null ? MeasuredWith.UNRECORDED_EXACT : measuredWith;
    }

    /** A snapshot without embeddings, measured in exact mode by an unrecorded decoder. */
    public ReferenceSnapshot(int formatVersion, String createdAt, String source, List<String> propertyNames,
                             long imagesRead, List<SkippedImage> skipped, int sampleLimit, long sampleSeed,
                             List<SnapshotRow> samples) {
        this(formatVersion, createdAt, source, propertyNames, imagesRead, skipped, sampleLimit, sampleSeed, samples,
                MeasuredWith.UNRECORDED_EXACT, null);
    }

    /** The same snapshot with these embeddings (null: none). */
    public ReferenceSnapshot withEmbeddings(ReferenceEmbeddings newEmbeddings) {
        return new ReferenceSnapshot(FORMAT_VERSION, createdAt, source, propertyNames, imagesRead, skipped, sampleLimit,
                sampleSeed, samples, measuredWith, newEmbeddings);
    }

    /** The same snapshot, recorded as measured this way. */
    public ReferenceSnapshot withMeasuredWith(MeasuredWith newMeasuredWith) {
        return new ReferenceSnapshot(formatVersion, createdAt, source, propertyNames, imagesRead, skipped, sampleLimit,
                sampleSeed, samples, newMeasuredWith, embeddings);
    }

    /** The version this snapshot is written as: the oldest that holds its content. */
    public int writtenFormatVersion() {
        return embeddings == null ? FORMAT_VERSION_WITHOUT_EMBEDDINGS : FORMAT_VERSION;
    }

    /** The rows as detector input. */
    public Samples toSamples() {
        double[][] rows = new double[samples.size()][];
        List<String> ids = new ArrayList<>(samples.size());
        for (int i = 0; i < rows.length; i++) {
            rows[i] = samples.get(i).values();
            ids.add(samples.get(i).id());
        }
        return new Samples(propertyNames, rows, ids);
    }

    /**
     * The content version: 12 hex characters naming the property names and rows ({@link SnapshotVersion}).
     * Computed from the rows on each call (a hash of every value): keep the result rather than calling it again.
     */
    public String contentVersion() {
        return SnapshotVersion.of(this);
    }
}
