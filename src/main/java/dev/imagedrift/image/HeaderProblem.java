package dev.imagedrift.image;

/**
 * A header inspector's refusal, before any reader runs; {@link ImageDecoder} turns it into an
 * {@link ImageRejected} whose message starts with the input's name.
 */
final class HeaderProblem extends RuntimeException {
    private final RejectReason reason;

    HeaderProblem(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    static HeaderProblem undecodable(String message) {
        return new HeaderProblem(RejectReason.UNDECODABLE, message);
    }

    static HeaderProblem tooLarge(String message) {
        return new HeaderProblem(RejectReason.TOO_LARGE, message);
    }

    static HeaderProblem unsupported(String message) {
        return new HeaderProblem(RejectReason.UNSUPPORTED_PIXEL_FORMAT, message);
    }

    /** A variant of an allowed format that is not decoded here (e.g. a BMP wrapping a PNG). */
    static HeaderProblem variant(String message) {
        return new HeaderProblem(RejectReason.UNKNOWN_FORMAT, message);
    }

    RejectReason reason() {
        return reason;
    }
}
