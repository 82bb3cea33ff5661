package dev.imagedrift.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Helpers for the fetcher tests: settings with short limits, and waiting for one result. */
final class Fetching {
    private Fetching() {}

    static FetchSettings settings(List<String> prefixes, long maxBytes, Duration readTimeout, Duration deadline,
                                  int concurrency, long maxBuffered) {
        return new FetchSettings(UriAllowList.of(prefixes), Duration.ofSeconds(2), readTimeout, deadline, 3, 2, maxBytes,
                concurrency, maxBuffered);
    }

    static FetchSettings settings(List<String> prefixes) {
        return settings(prefixes, 1 << 20, Duration.ofSeconds(2), Duration.ofSeconds(5), 8, 64L << 20);
    }

    static FetchResult fetch(ImageFetcher fetcher, String uri) throws InterruptedException {
        ImageFetch f = fetcher.start(URI.create(uri));
        try {
            FetchResult r = f.await(Duration.ofSeconds(30));
            assertNotNull(r, "no result for " + uri);
            return r;
        } finally {
            f.close();
        }
    }

    static byte[] bytes(FetchResult r) {
        return assertInstanceOf(FetchResult.Fetched.class, r, String.valueOf(r)).bytes();
    }

    static FetchResult.Failed failed(FetchFailure expected, FetchResult r) {
        FetchResult.Failed f = assertInstanceOf(FetchResult.Failed.class, r, String.valueOf(r));
        assertEquals(expected, f.failure(), f.message());
        return f;
    }
}
