package dev.imagedrift.fetch;

/**
 * Why an image named by URI could not be fetched. Each is a dead-letter reason of its own, so an
 * operator can tell a wrong allow-list from a slow object store from a missing object.
 */
public enum FetchFailure {
    /** The URI, or a redirect's target, matches no entry of {@code fetch.allowed-prefixes}, or a file resolves outside its root. */
    URI_NOT_ALLOWED,
    /** Not a URI the monitor can fetch: unsupported scheme, credentials in the user info, dot segments, no host. */
    BAD_URI,
    /** Connecting, waiting for a byte, or the whole fetch took longer than its limit. */
    FETCH_TIMEOUT,
    /** The server answered with a status other than 2xx (after redirects), or redirected too often. */
    FETCH_STATUS,
    /** The body (or file) is larger than {@code images.max-bytes}. */
    TOO_LARGE,
    /** Anything else: connection refused, unknown host, TLS failure, a missing or unreadable file. */
    FETCH_FAILED
}
