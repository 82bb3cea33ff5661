package dev.imagedrift.detect;

/** What one window did to a stream's alert. */
public enum AlertTransition {
    /** Nothing changed. */
    NONE,
    /** The alert started. */
    FIRING,
    /** The alert stopped. */
    RESOLVED
}
