package dev.imagedrift.fetch;

/** A fetch that failed, with its reason and a message safe to log (no query strings, no user info). */
public final class FetchException extends Exception {
    private final FetchFailure failure;

    public FetchException(FetchFailure failure, String message) {
        super(message, null, false, false); // expected outcomes: no stack trace to fill
        this.failure = failure;
    }

    public FetchFailure failure() {
        return failure;
    }
}
