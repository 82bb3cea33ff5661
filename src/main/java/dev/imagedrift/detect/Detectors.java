package dev.imagedrift.detect;

/** Picks the detector of a settings' mode. */
public final class Detectors {
    private Detectors() {}

    public static DriftDetector create(DetectorSettings settings) {
        if (settings == null) throw new IllegalArgumentException("settings must not be null");
        return switch (settings.mode()) {
            case CALIBRATED -> new CalibratedDetector(settings);
            case REFERENCE_CHECK -> new ReferenceCheckDetector(settings);
        };
    }
}
