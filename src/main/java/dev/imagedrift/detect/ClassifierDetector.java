package dev.imagedrift.detect;

import java.util.List;
import java.util.Locale;

/**
 * What every domain-classifier rule shares: its settings and trainer, and the checks made before
 * anything is trained (the mode, comparable sides, enough samples on each side). Subclasses decide.
 */
abstract class ClassifierDetector implements DriftDetector {
    final DetectorSettings settings;
    final BoostingTrainer trainer;

    ClassifierDetector(DetectorSettings settings, DetectionMode mode) {
        if (settings == null) throw new IllegalArgumentException("settings must not be null");
        if (settings.mode() != mode) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs mode " + mode + ", got "
                    + settings.mode());
        }
        this.settings = settings;
        this.trainer = new BoostingTrainer(settings);
    }

    @Override
    public final DetectorSettings settings() { return settings; }

    @Override
    public final DriftResult detect(Samples reference, Samples current) {
        SamplesValidator.requireComparable(reference, current);
        List<UnivariateDrift> univariate = UnivariateTests.compare(reference, current);
        int nRef = reference.size();
        int nCur = current.size();
        if (nRef < settings.minSamples() || nCur < settings.minSamples()) {
            String reason = String.format(Locale.ROOT, "INSUFFICIENT_DATA: %d reference and %d current samples, "
                    + "at least %d needed on each side", nRef, nCur, settings.minSamples());
            return new DriftResult(DriftStatus.INSUFFICIENT_DATA, reason, Double.NaN, Double.NaN, null, null,
                    null, nRef, nCur, null, null, List.of(), univariate, Exemplars.none(), settings);
        }
        return decide(reference, current, PooledSamples.of(reference, current), univariate);
    }

    /**
     * The rule itself, each side with at least minSamples rows: the sides as given, and pooled
     * (reference rows first) for the classifier.
     */
    abstract DriftResult decide(Samples reference, Samples current, PooledSamples data, List<UnivariateDrift> univariate);
}
