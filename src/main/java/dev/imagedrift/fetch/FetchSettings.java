package dev.imagedrift.fetch;

import java.time.Duration;
import java.util.List;

/**
 * How images named by URI are fetched. The defaults here are the configuration's defaults
 * ({@code fetch.*} keys), so the code, the README and {@code run --print-config} agree.
 *
 * @param allowList        where images may be fetched from; empty = nothing
 * @param connectTimeout   longest TCP (and TLS) connect
 * @param readTimeout      longest wait for the response headers, and for each next byte of the body
 * @param deadline         longest whole fetch, redirects included; bounds a server that trickles bytes
 * @param maxRedirects     redirects followed per fetch, each re-checked against the allow-list
 * @param retries          further tries after a transient failure (5xx, 429, a refused or reset connection)
 * @param maxBytes         largest image: {@code images.max-bytes}, the limit inline images have
 * @param concurrency      fetches in progress at once in this process; more wait their turn
 * @param maxBufferedBytes fetched bytes held in memory by this process (see {@link ByteBudget})
 */
public record FetchSettings(UriAllowList allowList, Duration connectTimeout, Duration readTimeout, Duration deadline,
                            int maxRedirects, int retries, long maxBytes, int concurrency, long maxBufferedBytes) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_REDIRECTS = 3;
    public static final int DEFAULT_RETRIES = 2;
    public static final int DEFAULT_CONCURRENCY = 32;
    /** Events one stream task holds while their images are fetched (the ordered queue's length). */
    public static final int DEFAULT_MAX_PENDING = 64;
    /** The default buffered-bytes limit is the heap divided by this: an eighth of {@code -Xmx}. */
    public static final int HEAP_SHARE_DIVISOR = 8;
    /** The largest image one byte array can hold. */
    static final long MAX_SUPPORTED_BYTES = Integer.MAX_VALUE - 8;

    public FetchSettings {
        require(connectTimeout.toMillis() > 0, "connectTimeout must be positive");
        require(readTimeout.toMillis() > 0, "readTimeout must be positive");
        require(deadline.toMillis() > 0, "deadline must be positive");
        require(maxRedirects >= 0 && maxRedirects <= 20, "maxRedirects must be between 0 and 20");
        require(retries >= 0 && retries <= 10, "retries must be between 0 and 10");
        require(maxBytes > 0, "maxBytes must be positive");
        maxBytes = Math.min(maxBytes, MAX_SUPPORTED_BYTES);
        require(concurrency >= 1 && concurrency <= 1024, "concurrency must be between 1 and 1024");
        require(maxBufferedBytes > 0, "maxBufferedBytes must be positive");
    }

    /** Every default, with this allow-list and size limit. */
    public static FetchSettings defaults(List<String> allowedPrefixes, long maxBytes) {
        return new FetchSettings(UriAllowList.of(allowedPrefixes), DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
                DEFAULT_DEADLINE, DEFAULT_MAX_REDIRECTS, DEFAULT_RETRIES, maxBytes, DEFAULT_CONCURRENCY,
                defaultMaxBufferedBytes());
    }

    /** {@code Runtime.maxMemory() / HEAP_SHARE_DIVISOR}. */
    public static long defaultMaxBufferedBytes() {
        long heap = Runtime.getRuntime().maxMemory();
        return heap == Long.MAX_VALUE ? 512L << 20 : Math.max(1, heap / HEAP_SHARE_DIVISOR);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
