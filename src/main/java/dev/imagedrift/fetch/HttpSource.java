package dev.imagedrift.fetch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLException;

/**
 * Fetches an http(s) URI with the JDK's asynchronous client: no thread waits on the network.
 * Redirects are followed here, not by the client, so that each hop's target is checked against
 * the same rules and allow-list as the event's URI before it is requested; at most
 * {@code fetch.max-redirects} hops, never to another scheme than http(s). The client sends no
 * cookies and no credentials, asks for no compression (no decompression bombs), and speaks
 * HTTP/1.1 (cancelling a body closes its connection).
 */
final class HttpSource {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final long RETRY_BACKOFF_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);
    static final String USER_AGENT = "image-drift-monitor";

    private final HttpClient client;
    private final UriAllowList allowList;
    private final FetchSettings settings;
    private final ScheduledExecutorService timer;

    HttpSource(HttpClient client, UriAllowList allowList, FetchSettings settings, ScheduledExecutorService timer) {
        this.client = client;
        this.allowList = allowList;
        this.settings = settings;
        this.timer = timer;
    }

    static HttpClient client(FetchSettings settings, java.util.concurrent.Executor executor) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .executor(executor)
                .build();
    }

    /** The body and the hops it took. */
    record Body(byte[] bytes, int redirects) {}

    CompletableFuture<Body> fetch(ImageUri uri, Deadline deadline, ByteBudget.Reservation reservation, Attempt attempt) {
        return withRetries(uri, deadline, reservation, attempt, 0);
    }

    /**
     * A transient failure (5xx, 429, a refused or reset connection) is tried again, at most
     * {@code fetch.retries} times, after 100 ms, then 400 ms..., while the deadline leaves room: an
     * object store's occasional 503 should not cost an event. Never for 4xx, timeouts or refusals.
     */
    private CompletableFuture<Body> withRetries(ImageUri uri, Deadline deadline, ByteBudget.Reservation reservation,
                                                Attempt attempt, int retry) {
        return hop(uri, deadline, reservation, attempt, 0).handle((body, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(body);
            }
            Exception e = translate(error, uri);
            long backoff = RETRY_BACKOFF_NANOS << (2 * retry);
            if (e instanceof FetchException f && f.isTransient() && retry < settings.retries()
                    && deadline.remainingNanos() > backoff && !attempt.cancelled()) {
                reservation.reset();
                CompletableFuture<Body> next = new CompletableFuture<>();
                timer.schedule(() -> withRetries(uri, deadline, reservation, attempt, retry + 1).whenComplete((b, x) -> {
                    if (x == null) next.complete(b); else next.completeExceptionally(x);
                }), backoff, java.util.concurrent.TimeUnit.NANOSECONDS);
                return next;
            }
            if (e instanceof FetchException f && retry > 0) {
                return CompletableFuture.<Body>failedFuture(new FetchException(f.failure(), f.getMessage() + " (tried "
                        + (retry + 1) + " times)"));
            }
            return CompletableFuture.<Body>failedFuture(e);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Body> hop(ImageUri uri, Deadline deadline, ByteBudget.Reservation reservation,
                                        Attempt attempt, int redirects) {
        long remaining = deadline.remainingNanos();
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(new FetchException(FetchFailure.FETCH_TIMEOUT,
                    "fetch.deadline passed before " + uri + " was requested (after " + redirects + " redirects)"));
        }
        if (attempt.cancelled()) {
            return CompletableFuture.failedFuture(new FetchException(FetchFailure.FETCH_FAILED, "cancelled"));
        }
        long readTimeout = settings.readTimeout().toNanos();
        HttpRequest request = HttpRequest.newBuilder(uri.uri())
                .timeout(Duration.ofNanos(Math.min(readTimeout, remaining)))
                .header("User-Agent", USER_AGENT)
                .GET()
                .build();
        String what = uri.toString();
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            if (info.statusCode() / 100 != 2) {
                return BoundedBody.discarding();
            }
            OptionalLong length = info.headers().firstValueAsLong("content-length");
            if (length.isPresent() && length.getAsLong() > settings.maxBytes()) {
                return BoundedBody.refusing(new FetchException(FetchFailure.TOO_LARGE, what + " declares "
                        + length.getAsLong() + " bytes (Content-Length), more than images.max-bytes ("
                        + settings.maxBytes() + ")"));
            }
            BoundedBody body = new BoundedBody(settings.maxBytes(), readTimeout, deadline, reservation, timer, what);
            attempt.receiving(body);
            return body;
        };
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = client.sendAsync(request, handler);
        } catch (RuntimeException e) { // IllegalArgumentException for a URI the client cannot request
            return CompletableFuture.failedFuture(new FetchException(FetchFailure.BAD_URI,
                    "the HTTP client cannot request " + what + ": " + RedactedUri.scrub(e.getMessage(), uri.uri())));
        }
        attempt.sending(sent);
        return sent.handle((response, error) -> {
            if (error != null) {
                return CompletableFuture.<Body>failedFuture(translate(error, uri));
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return CompletableFuture.completedFuture(new Body(response.body(), redirects));
            }
            if (!REDIRECTS.contains(status)) {
                return CompletableFuture.<Body>failedFuture(new FetchException(FetchFailure.FETCH_STATUS,
                        "HTTP " + status + " from " + what, status >= 500 || status == 429));
            }
            try {
                ImageUri next = redirectTarget(uri, response.headers().firstValue("location"), status, redirects + 1);
                return hop(next, deadline, reservation, attempt, redirects + 1);
            } catch (FetchException e) {
                return CompletableFuture.<Body>failedFuture(e);
            }
        }).thenCompose(f -> f);
    }

    /** The checked target of a redirect; every refusal names the hop. */
    private ImageUri redirectTarget(ImageUri from, Optional<String> location, int status, int hop) throws FetchException {
        if (location.isEmpty() || location.get().isBlank()) {
            throw new FetchException(FetchFailure.FETCH_STATUS, "HTTP " + status + " from " + from + " without a Location");
        }
        if (hop > settings.maxRedirects()) {
            throw new FetchException(FetchFailure.FETCH_STATUS, "more than fetch.max-redirects ("
                    + settings.maxRedirects() + ") redirects, the last from " + from);
        }
        URI target;
        try {
            target = from.uri().resolve(new URI(location.get().trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchException(FetchFailure.FETCH_STATUS, "HTTP " + status + " from " + from
                    + " with a Location that is not a URI");
        }
        ImageUri next;
        try {
            next = ImageUri.check(target);
        } catch (FetchException e) {
            throw new FetchException(FetchFailure.URI_NOT_ALLOWED, "redirect " + hop + " from " + from
                    + " is refused: " + e.getMessage());
        }
        if (next.isFile()) {
            throw new FetchException(FetchFailure.URI_NOT_ALLOWED, "redirect " + hop + " from " + from
                    + " to a file: URI is refused");
        }
        try {
            allowList.check(next);
        } catch (FetchException e) {
            throw new FetchException(FetchFailure.URI_NOT_ALLOWED, "redirect " + hop + " from " + from + " to "
                    + next + " matches no entry of fetch.allowed-prefixes");
        }
        return next;
    }

    /** A client failure as a fetch failure whose message quotes no secret. */
    static Exception translate(Throwable error, ImageUri uri) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof FetchException || c instanceof Deferred) {
                return (Exception) c;
            }
        }
        String what = uri.toString();
        if (e instanceof HttpConnectTimeoutException) {
            return new FetchException(FetchFailure.FETCH_TIMEOUT, "connecting to " + what
                    + " took longer than fetch.connect-timeout (or what was left of fetch.read-timeout or fetch.deadline)");
        }
        if (e instanceof HttpTimeoutException) {
            return new FetchException(FetchFailure.FETCH_TIMEOUT, "no response from " + what
                    + " within fetch.read-timeout (or what was left of fetch.deadline)");
        }
        if (e instanceof java.util.concurrent.CancellationException) {
            return new FetchException(FetchFailure.FETCH_FAILED, "cancelled");
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return new FetchException(FetchFailure.FETCH_FAILED, "unknown host: " + what);
            }
        }
        if (e instanceof ConnectException) {
            return new FetchException(FetchFailure.FETCH_FAILED, "cannot connect to " + what + ": "
                    + RedactedUri.scrub(e.getMessage(), uri.uri()), true);
        }
        if (e instanceof SSLException) {
            return new FetchException(FetchFailure.FETCH_FAILED, "TLS failed with " + what + ": "
                    + RedactedUri.scrub(e.getMessage(), uri.uri()));
        }
        if (e instanceof IOException) { // a reset or closed connection, mostly
            return new FetchException(FetchFailure.FETCH_FAILED, e.getClass().getSimpleName() + " fetching " + what
                    + ": " + RedactedUri.scrub(e.getMessage(), uri.uri()), true);
        }
        return new FetchException(FetchFailure.FETCH_FAILED, e.getClass().getName() + " fetching " + what + ": "
                + RedactedUri.scrub(e.getMessage(), uri.uri()));
    }
}
