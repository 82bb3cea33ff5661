package dev.imagedrift.fetch;

/** The outcome of one fetch: the image's bytes, or why there are none. */
public sealed interface FetchResult {
    /** The scheme fetched from ({@code http}, {@code https} or {@code file}): a bounded metric label. */
    String scheme();

    /** Wall-clock time the fetch took (redirects included), from its start to its end. */
    long nanos();

    /**
     * The image's bytes.
     *
     * @param redirects how many redirects were followed
     */
    record Fetched(byte[] bytes, String scheme, long nanos, int redirects) implements FetchResult {}

    /** No image: {@code message} says why, without credentials. */
    record Failed(FetchFailure failure, String message, String scheme, long nanos) implements FetchResult {}
}
