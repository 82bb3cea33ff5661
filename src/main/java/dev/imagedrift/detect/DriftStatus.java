package dev.imagedrift.detect;

/** Outcome of one comparison (one window of one stream). */
public enum DriftStatus {
    /** Compared, and no drift by the decision rule in force. */
    OK,
    /** Compared, and drift by the decision rule in force. */
    DRIFT,
    /** Too few samples on a side to compare; never raises an alert. */
    INSUFFICIENT_DATA
}
