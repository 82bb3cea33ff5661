package dev.imagedrift.detect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What every detector checks before it trains anything: its mode, comparable sides, enough samples. */
final class DetectorPreconditions {
    private DetectorPreconditions() {}

    static DetectorSettings requireMode(DetectorSettings settings, DetectionMode mode, String detector) {
        if (settings == null) throw new IllegalArgumentException("settings must not be null");
        if (settings.mode() != mode) {
            throw new IllegalArgumentException(detector + " needs mode " + mode + ", got " + settings.mode());
        }
        return settings;
    }

    /** The INSUFFICIENT_DATA result when a side has fewer than {@code minSamples}, else empty. */
    static Optional<DriftResult> insufficientData(DetectorSettings settings, Samples reference, Samples current,
                                                  List<UnivariateDrift> univariate) {
        int nRef = reference.size();
        int nCur = current.size();
        if (nRef >= settings.minSamples() && nCur >= settings.minSamples()) {
            return Optional.empty();
        }
        String reason = String.format(Locale.ROOT, "INSUFFICIENT_DATA: %d reference and %d current samples, "
                + "at least %d needed on each side", nRef, nCur, settings.minSamples());
        return Optional.of(new DriftResult(DriftStatus.INSUFFICIENT_DATA, reason, Double.NaN, Double.NaN, null, null,
                null, nRef, nCur, List.of(), univariate, Exemplars.none(), settings));
    }
}
