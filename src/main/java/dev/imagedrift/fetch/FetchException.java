package dev.imagedrift.fetch;

/** A fetch that failed, with its reason and a message safe to log (no query strings, no user info). */
public final class FetchException extends Exception {
    private final FetchFailure failure;
    private final boolean transientFailure;

    public FetchException(FetchFailure failure, String message) {
        this(failure, message, false);
    }

    /** @param transientFailure worth another try: a 5xx or 429 answer, a refused or reset connection */
    FetchException(FetchFailure failure, String message, boolean transientFailure) {
        super(message, null, false, false); // expected outcomes: no stack trace to fill
        this.failure = failure;
        this.transientFailure = transientFailure;
    }

    boolean isTransient() {
        return transientFailure;
    }

    public FetchFailure failure() {
        return failure;
    }
}
