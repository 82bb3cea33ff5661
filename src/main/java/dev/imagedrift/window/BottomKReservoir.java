package dev.imagedrift.window;

/**
 * A window's sample: the k events with the smallest {@link SamplePriority priorities}, over a
 * store of samples ordered by priority. Each offer costs one tally update; a sample is written
 * only when it enters (about k(1 + ln(n/k)) times in a window of n events) and the evicted one is
 * deleted, so the state written per event stays constant whatever the window's size.
 */
public final class BottomKReservoir {
    /** The samples of one window, by unsigned priority. */
    public interface Samples {
        void put(long priority, byte[] sample);

        void delete(long priority);

        /** The largest priority present (unsigned); called only when the window has samples. */
        long largest();
    }

    private final int capacity;

    public BottomKReservoir(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("reservoir capacity must be positive: " + capacity);
        this.capacity = capacity;
    }

    public int capacity() { return capacity; }

    /**
     * One event of the window arrives: counted, and kept if it is among the k smallest so far.
     *
     * @param sample the encoded sample, or null for an event that was not decoded (counted only)
     * @param cap    the decode cap the extraction stage applied to it ({@link DecodeCap})
     * @return the window's new tally
     */
    public WindowTally offer(WindowTally t, long priority, byte[] sample, long cap, Samples samples) {
        long count = t.count() + 1;
        long smallestCap = DecodeCap.min(t.smallestCap(), cap);
        if (sample == null) {
            return new WindowTally(count, t.kept(), t.largestKept(), smallestCap);
        }
        if (t.kept() < capacity) {
            samples.put(priority, sample);
            long largest = t.kept() == 0 || Long.compareUnsigned(priority, t.largestKept()) > 0 ? priority : t.largestKept();
            return new WindowTally(count, t.kept() + 1, largest, smallestCap);
        }
        if (Long.compareUnsigned(priority, t.largestKept()) >= 0) {
            return new WindowTally(count, t.kept(), t.largestKept(), smallestCap);
        }
        samples.put(priority, sample);
        samples.delete(t.largestKept());
        return new WindowTally(count, t.kept(), samples.largest(), smallestCap);
    }
}
