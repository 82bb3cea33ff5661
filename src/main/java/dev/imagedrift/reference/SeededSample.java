package dev.imagedrift.reference;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A seeded uniform sample without replacement, of bounded size, that does not depend on the
 * order rows arrive in: each row gets a pseudo-random key from (seed, id) and the sample keeps the
 * {@code capacity} rows with the smallest keys ("bottom-k" sampling). Threads may offer rows in
 * any order and the sample comes out the same. The same seed also keeps the same images when
 * files are added to a folder, unless a new file's key displaces them.
 */
final class SeededSample {
    private final int capacity;
    private final long seed;
    /** Largest key on top, so the row to evict is found in O(1). */
    private final PriorityQueue<Entry> kept;

    private record Entry(long key, SnapshotRow row) {}

    private static final Comparator<Entry> BY_KEY_THEN_ID =
            Comparator.comparingLong(Entry::key).thenComparing(e -> e.row().id());

    SeededSample(int capacity, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("sample capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.seed = seed;
        this.kept = new PriorityQueue<>(Math.min(capacity, 1024) + 1, BY_KEY_THEN_ID.reversed());
    }

    synchronized void offer(String id, double[] values) {
        Entry entry = new Entry(key(seed, id), new SnapshotRow(id, values));
        if (kept.size() < capacity) {
            kept.add(entry);
        } else if (BY_KEY_THEN_ID.compare(entry, kept.peek()) < 0) {
            kept.poll();
            kept.add(entry);
        }
    }

    /** The kept rows, sorted by id. */
    synchronized List<SnapshotRow> rows() {
        List<SnapshotRow> rows = new ArrayList<>(kept.size());
        for (Entry e : kept) {
            rows.add(e.row());
        }
        rows.sort(Comparator.comparing(SnapshotRow::id));
        return rows;
    }

    /**
     * The sampling key of an id: the first 8 bytes of SHA-256(seed as 8 big-endian bytes, then the
     * id in UTF-8), as a signed long. Documented so another implementation can reproduce a sample.
     */
    static long key(long seed, String id) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
        sha.update(id.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(sha.digest()).getLong();
    }
}
