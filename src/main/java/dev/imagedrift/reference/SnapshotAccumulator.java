package dev.imagedrift.reference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A reference snapshot built from rows that arrive one by one from any source (for example a
 * time range of one stream's traffic read from the input topic): the same seeded uniform sample
 * ({@link SeededSample}) and skip list as a snapshot of a folder. Not thread-safe.
 */
public final class SnapshotAccumulator {
    private final List<String> propertyNames;
    private final SeededSample sample;
    private final int maxSamples;
    private final long seed;
    private final List<SkippedImage> skipped = new ArrayList<>();
    private long read;

    public SnapshotAccumulator(List<String> propertyNames, int maxSamples, long seed) {
        this.propertyNames = List.copyOf(propertyNames);
        this.sample = new SeededSample(maxSamples, seed);
        this.maxSamples = maxSamples;
        this.seed = seed;
    }

    /** One measured image; {@code values} in {@code propertyNames} order. */
    public void add(String id, double[] values) {
        if (values.length != propertyNames.size()) {
            throw new IllegalArgumentException(id + ": " + values.length + " values for " + propertyNames.size()
                    + " properties");
        }
        sample.offer(id, values.clone());
        read++;
    }

    /** One input that could not be used, with the reason code and a message. */
    public void skip(String id, String reason, String message) {
        skipped.add(new SkippedImage(id, reason, message));
    }

    public long read() { return read; }

    public List<SkippedImage> skipped() { return List.copyOf(skipped); }

    /** The snapshot of everything added, recorded as measured {@code measuredWith}. */
    public ReferenceSnapshot build(String source, Instant createdAt, MeasuredWith measuredWith) {
        List<SkippedImage> sorted = new ArrayList<>(skipped);
        sorted.sort(Comparator.comparing(SkippedImage::id));
        return new ReferenceSnapshot(ReferenceSnapshot.FORMAT_VERSION, createdAt.toString(), source, propertyNames,
                read, sorted, maxSamples, seed, sample.rows(), measuredWith, null);
    }
}
