package dev.imagedrift.report;

import dev.imagedrift.detect.Samples;
import dev.imagedrift.reference.MeasuredWith;
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
 * @param measuredWith    properties mode and JPEG decoder of this side's values
 */
public record ReportSide(String source, Samples samples, long imagesRead, Map<String, Integer> skippedByReason,
                         String snapshotVersion, ThumbnailSource thumbnails, MeasuredWith measuredWith) {
    public ReportSide {
        measuredWith = measuredWith == null ? MeasuredWith.UNRECORDED_EXACT : measuredWith;
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(samples, "samples");
        skippedByReason = Collections.unmodifiableMap(new TreeMap<>(skippedByReason));
        if (thumbnails == null) {
            thumbnails = ThumbnailSource.none();
        }
    }

    /** A side measured in exact mode by an unrecorded decoder. */
    public ReportSide(String source, Samples samples, long imagesRead, Map<String, Integer> skippedByReason,
                      String snapshotVersion, ThumbnailSource thumbnails) {
        this(source, samples, imagesRead, skippedByReason, snapshotVersion, thumbnails, null);
    }

    /** "turbojpeg", "imageio" or "not recorded". */
    public String decoder() {
        return measuredWith.decoder() == null ? "not recorded" : measuredWith.decoder();
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
                SkipSummary.countByReason(snapshot.skipped()), snapshot.contentVersion(), thumbnails, snapshot.measuredWith());
    }

    public int imagesSkipped() {
        return skippedByReason.values().stream().mapToInt(Integer::intValue).sum();
    }
}
