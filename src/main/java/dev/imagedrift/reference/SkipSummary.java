package dev.imagedrift.reference;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Counts of skipped files by reason, for summaries and error messages. */
public final class SkipSummary {
    private SkipSummary() {}

    /** Reason code to count, in code order. */
    public static Map<String, Integer> countByReason(List<SkippedImage> skipped) {
        return skipped.stream().collect(Collectors.toMap(SkippedImage::reason, s -> 1, Integer::sum, TreeMap::new));
    }

    /** For example "3 skipped (1 empty, 2 undecodable)", or "no image files found". */
    public static String describe(List<SkippedImage> skipped) {
        if (skipped.isEmpty()) {
            return "no image files found";
        }
        String reasons = countByReason(skipped).entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return skipped.size() + " skipped (" + reasons + ")";
    }
}
