package dev.imagedrift.reference;

import java.time.Duration;

/**
 * A built snapshot and what the build saw.
 *
 * @param snapshot     the snapshot
 * @param imageFiles   image files seen: read plus skipped
 * @param ignoredFiles other files, not read
 * @param threads      worker threads used
 * @param elapsed      wall-clock time of the build, walk included
 */
public record SnapshotBuild(ReferenceSnapshot snapshot, int imageFiles, int ignoredFiles, int threads,
                            Duration elapsed) {
    /** Image files processed (read or skipped) per second of wall-clock time. */
    public double imagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? imageFiles / seconds : Double.NaN;
    }
}
