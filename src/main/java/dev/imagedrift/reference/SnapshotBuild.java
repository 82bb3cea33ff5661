package dev.imagedrift.reference;

import java.time.Duration;

/**
 * A built snapshot and what the build saw.
 *
 * @param snapshot     the snapshot
 * @param imageFiles   image files found (in sample-first mode, more than were tried)
 * @param otherFiles   files without an image extension: not read, listed as skipped ({@code unknown_format})
 * @param threads      worker threads used
 * @param elapsed      wall-clock time of the build, walk included
 */
public record SnapshotBuild(ReferenceSnapshot snapshot, int imageFiles, int otherFiles, int threads,
                            Duration elapsed) {
    /** Image files decoded or refused: all of them, or in sample-first mode the ones tried. */
    public long imagesTried() {
        return snapshot.imagesRead() + snapshot.skipped().size() - otherFiles;
    }

    /** Image files tried per second of wall-clock time. */
    public double imagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? imagesTried() / seconds : Double.NaN;
    }
}
