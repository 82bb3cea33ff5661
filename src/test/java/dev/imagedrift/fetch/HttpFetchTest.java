package dev.imagedrift.fetch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

import static dev.imagedrift.fetch.Fetching.bytes;
import static dev.imagedrift.fetch.Fetching.failed;
import static dev.imagedrift.fetch.Fetching.fetch;
import static dev.imagedrift.fetch.Fetching.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fetching over HTTP from the JDK's in-process server, with every misbehaviour a server can show. */
class HttpFetchTest {
    private static final String SECRET = "X-Amz-Credential=AKIAEXAMPLE%2F20261203&X-Amz-Signature=feedface0123";
    private static final long MAX = 256 * 1024;

    private TestImageServer server;
    private TestImageServer offList;
    private ImageFetcher fetcher;
    private final byte[] image = new byte[50_000];

    @BeforeEach
    void start() throws Exception {
        new Random(1).nextBytes(image);
        server = new TestImageServer();
        offList = new TestImageServer();
        fetcher = new ImageFetcher(settings(List.of(server.url("/img/")), MAX, Duration.ofMillis(800),
                Duration.ofMillis(1500), 8, 64L << 20));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
        offList.close();
    }

    private static void noSecret(FetchResult.Failed f) {
        assertFalse(f.message().contains("AKIAEXAMPLE") || f.message().contains("feedface0123"), f.message());
    }

    @Test
    void imageBytesArriveExactlyWithThePreSignedQuerySent() throws Exception {
        server.route("/img/a.jpg", TestImageServer.image(image, Duration.ZERO));
        server.route("/img/b.jpg", TestImageServer.chunked(image));
        FetchResult r = fetch(fetcher, server.url("/img/a.jpg?" + SECRET));
        assertArrayEquals(image, bytes(r));
        assertEquals("http", r.scheme());
        assertArrayEquals(image, bytes(fetch(fetcher, server.url("/img/b.jpg"))), "a chunked body (no Content-Length)");
        assertEquals(SECRET, server.requests().get(0).getRawQuery(), "the query string reaches the server unchanged");
        server.route("/img/caf\u00e9.jpg", TestImageServer.image(image, Duration.ZERO));
        assertArrayEquals(image, bytes(fetch(fetcher, server.url("/img/caf%c3%a9.jpg?" + SECRET))));
        assertEquals("/img/caf%c3%a9.jpg", server.requests().get(2).getRawPath(),
                "the path is requested as written: a signature covers it");
        for (var headers : server.requestHeaders()) {
            for (String never : List.of("Accept-encoding", "Cookie", "Authorization")) {
                assertFalse(headers.containsKey(never), never + " sent: " + headers);
            }
        }
        assertEquals(0, fetcher.bufferedBytes(), "closed fetches give their bytes back");
    }

    @Test
    void errorStatusesAreFetchStatusAndTheirBodiesAreNotRead() throws Exception {
        server.route("/img/missing.jpg", TestImageServer.status(404));
        server.route("/img/broken.jpg", TestImageServer.status(503));
        server.route("/img/forbidden.jpg", server.statusWithHugeBody(403, 1L << 30));
        FetchResult.Failed f = failed(FetchFailure.FETCH_STATUS, fetch(fetcher, server.url("/img/missing.jpg?" + SECRET)));
        assertTrue(f.message().contains("HTTP 404"), f.message());
        noSecret(f);
        failed(FetchFailure.FETCH_STATUS, fetch(fetcher, server.url("/img/broken.jpg")));
        long started = System.nanoTime();
        failed(FetchFailure.FETCH_STATUS, fetch(fetcher, server.url("/img/forbidden.jpg")));
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "a 1 GiB error body is not read");
    }

    @Test
    void oversizeBodiesAreCutOffWhileStreaming() throws Exception {
        server.route("/img/declared.jpg", server.declaring(1L << 30));
        server.route("/img/endless.jpg", server.endless(1L << 30));
        FetchResult.Failed declared = failed(FetchFailure.TOO_LARGE, fetch(fetcher, server.url("/img/declared.jpg?" + SECRET)));
        assertTrue(declared.message().contains("Content-Length"), declared.message());
        noSecret(declared);
        FetchResult.Failed endless = failed(FetchFailure.TOO_LARGE, fetch(fetcher, server.url("/img/endless.jpg?" + SECRET)));
        assertTrue(endless.message().contains("images.max-bytes"), endless.message());
        noSecret(endless);
        awaitAborted(2);
        assertTrue(server.bytesWrittenBeforeAbort() < 64L << 20,
                "the server could write only a little past the limit before the client hung up: "
                        + server.bytesWrittenBeforeAbort());
        assertEquals(0, fetcher.bufferedBytes());
    }

    @Test
    void aTricklingBodyEndsAtTheDeadline() throws Exception {
        server.route("/img/slowloris.jpg", TestImageServer.trickle(10_000, Duration.ofMillis(100)));
        long started = System.nanoTime();
        FetchResult.Failed f = failed(FetchFailure.FETCH_TIMEOUT, fetch(fetcher, server.url("/img/slowloris.jpg?" + SECRET)));
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(f.message().contains("fetch.deadline"), f.message());
        assertTrue(ms >= 1400 && ms < 5000, "ended at the 1.5 s deadline, not the body's end: " + ms + " ms");
        noSecret(f);
    }

    @Test
    void silenceLongerThanTheReadTimeoutEndsTheFetch() throws Exception {
        server.route("/img/stall.jpg", TestImageServer.stallAfter(1000, 100, Duration.ofSeconds(5)));
        server.route("/img/late.jpg", TestImageServer.slowHeaders(image, Duration.ofSeconds(5)));
        FetchResult.Failed body = failed(FetchFailure.FETCH_TIMEOUT, fetch(fetcher, server.url("/img/stall.jpg")));
        assertTrue(body.message().contains("fetch.read-timeout"), body.message());
        FetchResult.Failed headers = failed(FetchFailure.FETCH_TIMEOUT, fetch(fetcher, server.url("/img/late.jpg?" + SECRET)));
        assertTrue(headers.message().contains("no response"), headers.message());
        noSecret(headers);
    }

    @Test
    void redirectsAreFollowedOnlyWithinTheAllowList() throws Exception {
        server.route("/img/a.jpg", TestImageServer.image(image, Duration.ZERO));
        server.route("/img/moved.jpg", TestImageServer.redirect(302, "/img/a.jpg"));
        server.route("/img/moved-twice.jpg", TestImageServer.redirect(301, server.url("/img/moved.jpg")));
        server.route("/img/away.jpg", TestImageServer.redirect(307, offList.url("/img/a.jpg?" + SECRET)));
        server.route("/img/up.jpg", TestImageServer.redirect(302, "/private/a.jpg"));
        server.route("/img/to-file.jpg", TestImageServer.redirect(302, "file:///etc/passwd"));
        server.route("/img/loop.jpg", TestImageServer.redirect(302, "/img/loop.jpg"));
        server.route("/img/nowhere.jpg", TestImageServer.redirect(302, null));
        offList.route("/img/a.jpg", TestImageServer.image(image, Duration.ZERO));

        FetchResult twice = fetch(fetcher, server.url("/img/moved-twice.jpg"));
        assertArrayEquals(image, bytes(twice));
        assertEquals(2, ((FetchResult.Fetched) twice).redirects());

        FetchResult.Failed away = failed(FetchFailure.URI_NOT_ALLOWED, fetch(fetcher, server.url("/img/away.jpg?" + SECRET)));
        assertTrue(away.message().contains("redirect 1"), away.message());
        noSecret(away);
        assertEquals(0, offList.requests().size(), "the server off the list never sees a request");
        failed(FetchFailure.URI_NOT_ALLOWED, fetch(fetcher, server.url("/img/up.jpg")));
        assertEquals(0, server.requestsFor("/private/a.jpg"));
        failed(FetchFailure.URI_NOT_ALLOWED, fetch(fetcher, server.url("/img/to-file.jpg")));
        FetchResult.Failed loop = failed(FetchFailure.FETCH_STATUS, fetch(fetcher, server.url("/img/loop.jpg")));
        assertTrue(loop.message().contains("fetch.max-redirects"), loop.message());
        assertEquals(4, server.requestsFor("/img/loop.jpg"), "the first request and 3 redirects, no more");
        failed(FetchFailure.FETCH_STATUS, fetch(fetcher, server.url("/img/nowhere.jpg")));
    }

    @Test
    void transientFailuresAreTriedAgainWithinTheDeadlineAndOthersAreNot() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        server.route("/img/flaky.jpg", ex -> {
            if (calls.incrementAndGet() <= 2) {
                TestImageServer.send(ex, 503, "Slow Down".getBytes());
            } else {
                TestImageServer.send(ex, 200, image);
            }
        });
        server.route("/img/down.jpg", TestImageServer.status(500));
        server.route("/img/missing.jpg", TestImageServer.status(404));
        assertArrayEquals(image, bytes(fetch(fetcher, server.url("/img/flaky.jpg"))), "two 503s, then the image");
        assertEquals(3, server.requestsFor("/img/flaky.jpg"));
        FetchResult.Failed down = failed(FetchFailure.FETCH_STATUS, fetch(fetcher, server.url("/img/down.jpg?" + SECRET)));
        assertTrue(down.message().contains("tried 3 times"), down.message());
        noSecret(down);
        assertEquals(3, server.requestsFor("/img/down.jpg"), "the first try and fetch.retries (2) more");
        failed(FetchFailure.FETCH_STATUS, fetch(fetcher, server.url("/img/missing.jpg")));
        assertEquals(1, server.requestsFor("/img/missing.jpg"), "a 404 is not tried again");
    }

    @Test
    void aClosedPortIsFetchFailed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ImageFetcher f = new ImageFetcher(settings(List.of("http://127.0.0.1:" + port + "/")))) {
            FetchResult.Failed r = failed(FetchFailure.FETCH_FAILED, fetch(f, "http://127.0.0.1:" + port + "/a.jpg?" + SECRET));
            noSecret(r);
        }
    }

    @Test
    void refusedUrisFailAtOnceWithoutARequest() throws Exception {
        failed(FetchFailure.URI_NOT_ALLOWED, fetch(fetcher, offList.url("/img/a.jpg")));
        failed(FetchFailure.BAD_URI, fetch(fetcher, "gopher://127.0.0.1/x"));
        assertEquals(0, offList.requests().size());
        try (ImageFetcher off = ImageFetcher.disabled()) {
            FetchResult.Failed r = failed(FetchFailure.URI_NOT_ALLOWED, fetch(off, server.url("/img/a.jpg")));
            assertTrue(r.message().contains("fetch.allowed-prefixes is empty"), r.message());
        }
    }

    @Test
    void atMostConcurrencyFetchesRunAtOnce() throws Exception {
        server.route("/img/a.jpg", TestImageServer.image(image, Duration.ofMillis(100)));
        try (ImageFetcher limited = new ImageFetcher(settings(List.of(server.url("/img/")), MAX, Duration.ofSeconds(5),
                Duration.ofSeconds(20), 4, 64L << 20))) {
            List<ImageFetch> fetches = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                fetches.add(limited.start(URI.create(server.url("/img/a.jpg?i=" + i))));
            }
            for (ImageFetch f : fetches) {
                assertArrayEquals(image, bytes(f.await(Duration.ofSeconds(30))));
                f.close();
            }
            assertEquals(4, server.maxInProgress(), "at most fetch.concurrency requests in progress");
        }
    }

    /**
     * With room for one image in the budget, fetches behind the head wait (deferred) instead of
     * holding more; each completes once it is at the head, and nothing is refused for it.
     */
    @Test
    void theByteBudgetDefersAllButTheHeadAndLosesNothing() throws Exception {
        server.route("/img/a.jpg", TestImageServer.image(image, Duration.ZERO));
        try (ImageFetcher tight = new ImageFetcher(settings(List.of(server.url("/img/")), MAX, Duration.ofSeconds(5),
                Duration.ofSeconds(20), 8, image.length + 1000))) {
            List<ImageFetch> fetches = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                fetches.add(tight.start(URI.create(server.url("/img/a.jpg?i=" + i))));
            }
            Thread.sleep(500);
            assertTrue(tight.bufferedBytes() <= image.length + 1000, "held " + tight.bufferedBytes());
            long done = fetches.stream().filter(ImageFetch::isDone).count();
            assertTrue(done <= 1, "one image fits the budget; " + done + " were done");
            for (ImageFetch f : fetches) {
                assertArrayEquals(image, bytes(f.await(Duration.ofSeconds(10))));
                f.close();
            }
            assertEquals(0, tight.bufferedBytes());
            assertTrue(server.requests().size() > 6, "deferred fetches were started again: " + server.requests().size());
        }
    }

    @Test
    void closingAFetchStopsItAndFreesItsPermit() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        server.route("/img/held.jpg", TestImageServer.held(image, never, Duration.ofSeconds(30)));
        try (ImageFetcher one = new ImageFetcher(settings(List.of(server.url("/img/")), MAX, Duration.ofSeconds(20),
                Duration.ofSeconds(25), 1, 64L << 20))) {
            ImageFetch held = one.start(URI.create(server.url("/img/held.jpg")));
            assertNull(held.await(Duration.ofMillis(300)));
            held.close();
            server.route("/img/a.jpg", TestImageServer.image(image, Duration.ZERO));
            FetchResult next = one.start(URI.create(server.url("/img/a.jpg"))).await(Duration.ofSeconds(5));
            assertInstanceOf(FetchResult.Fetched.class, next, "the one permit was given back by close()");
        } finally {
            never.countDown();
        }
    }

    private void awaitAborted(int n) throws InterruptedException {
        for (int i = 0; i < 100 && server.aborted() < n; i++) {
            Thread.sleep(50);
        }
    }
}
