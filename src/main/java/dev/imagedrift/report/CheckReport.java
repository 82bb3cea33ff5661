package dev.imagedrift.report;

import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.DriftStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a report of one check shows: the detector's result and the two sides it compared.
 *
 * @param result      the detector's result (settings included)
 * @param reference   the reference side
 * @param current     the current side
 * @param generatedAt when the check ran
 */
public record CheckReport(DriftResult result, ReportSide reference, ReportSide current, Instant generatedAt) {
    public CheckReport {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(generatedAt, "generatedAt");
    }

    public static CheckReport of(DriftResult result, ReportSide reference, ReportSide current) {
        return new CheckReport(result, reference, current, Instant.now());
    }

    /** The threshold in force (the effect-size floor, or the reference check's threshold). */
    public double threshold() {
        return result.threshold();
    }

    /** The condition passes unless the status is DRIFT (too little data passes: it never alerts). */
    public boolean passed() {
        return result.status() != DriftStatus.DRIFT;
    }
}
