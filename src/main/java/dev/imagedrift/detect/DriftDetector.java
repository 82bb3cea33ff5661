package dev.imagedrift.detect;

/**
 * Samples in, result out. Pure and deterministic for fixed settings: no I/O, no Kafka, no clock.
 * Implementations are thread-safe (one instance may serve many windows at once).
 */
public interface DriftDetector {
    DriftResult detect(Samples reference, Samples current);

    DetectorSettings settings();
}
