package dev.imagedrift.stream;

/** An input record that cannot be used; it goes to the dead-letter topic with this reason and message. */
public final class RejectedEvent extends Exception {
    private final DeadLetterReason reason;

    public RejectedEvent(DeadLetterReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeadLetterReason reason() { return reason; }
}
