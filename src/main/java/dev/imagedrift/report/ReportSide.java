package dev.imagedrift.report;

import dev.imagedrift.detect.Samples;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.ReferenceSources;
import dev.imagedrift.reference.SkipSummary;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One side of a check as a report shows it.
 *
 * @param source          where the side came from (a directory or a snapshot file, as the user gave it)
 * @param samples         the property vectors compared (for distribution plots)
 * @param imagesRead      images decoded and measured on this side
 * @param skippedByReason files that could not be used, counted by reason code
 * @param snapshotVersion content version of the snapshot, or null when unknown
 * @param thumbnails      where exemplar images of this side can be found
 */
public record ReportSide(String source, Samples samples, long imagesRead, Map<String, Integer> skippedByReason,
                         String snapshotVersion, ThumbnailSource thumbnails) {
    public ReportSide {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(samples, "samples");
        skippedByReason = Collections.unmodifiableMap(new TreeMap<>(skippedByReason));
        if (thumbnails == null) {
            thumbnails = ThumbnailSource.none();
        }
    }

    /**
     * A side from a snapshot, with thumbnails from its image directory when that still exists.
     *
     * @param source how the user named this side (a directory or a snapshot file)
     */
    public static ReportSide of(String source, ReferenceSnapshot snapshot) {
        ThumbnailSource thumbnails = ReferenceSources.imageDirectory(snapshot)
                .map(ThumbnailSource::directory).orElse(ThumbnailSource.none());
        return new ReportSide(source, snapshot.toSamples(), snapshot.imagesRead(),
                SkipSummary.countByReason(snapshot.skipped()), snapshot.contentVersion(), thumbnails);
    }

    public int imagesSkipped() {
        return skippedByReason.values().stream().mapToInt(Integer::intValue).sum();
    }
}
