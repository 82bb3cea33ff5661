package dev.imagedrift.image;

/** An input image that cannot be used, with a stable reason code and a message naming the input. */
public final class ImageRejected extends Exception {
    private final RejectReason reason;

    public ImageRejected(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ImageRejected(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public RejectReason reason() { return reason; }
}
