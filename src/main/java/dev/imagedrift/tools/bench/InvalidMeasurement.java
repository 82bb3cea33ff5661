package dev.imagedrift.tools.bench;

/**
 * A benchmark run that did not measure what it claims (events dead-lettered or late, images not
 * decoded that should have been, a phase that never completed). The bench command prints the
 * message and exits with {@link BenchCommand#INVALID}; no figure is printed.
 */
public final class InvalidMeasurement extends RuntimeException {
    public InvalidMeasurement(String message) {
        super(message);
    }
}
