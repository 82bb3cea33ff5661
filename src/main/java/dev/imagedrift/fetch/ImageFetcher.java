package dev.imagedrift.fetch;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches the images events name by URI: checks each URI ({@link ImageUri}) and the allow-list
 * ({@link UriAllowList}), then fetches over http(s) ({@link HttpSource}) or from a file root
 * ({@link FileSource}), at most {@code concurrency} at once in this process, with the fetched
 * bytes held in memory bounded by {@code maxBufferedBytes} ({@link ByteBudget}). Every fetch ends
 * by its deadline: besides the client's own timeouts, a timer gives up on a fetch that is still
 * not over shortly after it. One per process; thread-safe. Threads are daemons, started only for
 * the schemes the allow-list names: an empty allow-list starts none.
 */
public final class ImageFetcher implements AutoCloseable {
    /** What an attempt stopped by the byte budget completes with. */
    static final Object DEFERRED = new Object();
    /** How long after the deadline the last-resort timer gives up on a fetch the client has not ended. */
    static final long SAFETY_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final FetchSettings settings;
    private final ByteBudget budget;
    private final ScheduledExecutorService timer;
    private final ExecutorService callbacks;
    private final ExecutorService fileReaders;
    private final HttpSource http;
    private final FileSource files;
    private final ConcurrencyLimit limit;

    public ImageFetcher(FetchSettings settings) {
        this.settings = settings;
        this.budget = new ByteBudget(settings.maxBufferedBytes());
        UriAllowList allowList = settings.allowList();
        boolean any = !allowList.isEmpty();
        timer = any ? Executors.newSingleThreadScheduledExecutor(daemons("imagedrift-fetch-timer")) : null;
        callbacks = any ? Executors.newFixedThreadPool(2, daemons("imagedrift-fetch-http")) : null;
        fileReaders = allowList.allowsFiles()
                ? Executors.newFixedThreadPool(settings.concurrency(), daemons("imagedrift-fetch-file")) : null;
        http = allowList.allowsHttp()
                ? new HttpSource(HttpSource.client(settings, callbacks), allowList, settings, timer) : null;
        files = allowList.allowsFiles() ? new FileSource(settings.maxBytes(), fileReaders) : null;
        limit = new ConcurrencyLimit(settings.concurrency(), any ? callbacks : Runnable::run);
    }

    /** A fetcher that allows nothing (fetching images by URI is off); it starts no thread. */
    public static ImageFetcher disabled() {
        return new ImageFetcher(FetchSettings.defaults(List.of(), 1));
    }

    public FetchSettings settings() {
        return settings;
    }

    /** Whether any URI can be fetched at all. */
    public boolean enabled() {
        return !settings.allowList().isEmpty();
    }

    /**
     * Starts fetching {@code uri}. Never throws: a URI the rules or the allow-list refuse gives a
     * fetch that is already done, with its reason.
     */
    public ImageFetch start(URI uri) {
        ImageUri checked;
        AllowedPrefix allowedBy;
        try {
            checked = ImageUri.check(uri);
            allowedBy = settings.allowList().check(checked);
        } catch (FetchException e) {
            String scheme = uri.getScheme() == null ? "none" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return ImageFetch.failed(new FetchResult.Failed(e.failure(), e.getMessage(),
                    ImageUri.SCHEMES.contains(scheme) ? scheme : "other", 0));
        }
        ImageFetch fetch = new ImageFetch(this, checked, allowedBy, budget.open());
        fetch.start();
        return fetch;
    }

    /** One attempt, when a permit is free: completes with a {@link FetchResult} or {@link #DEFERRED}, never exceptionally. */
    CompletableFuture<Object> attempt(ImageUri uri, AllowedPrefix allowedBy, ByteBudget.Reservation reservation,
                                      Attempt attempt) {
        CompletableFuture<Object> out = new CompletableFuture<>();
        limit.submit(() -> run(uri, allowedBy, reservation, attempt, out));
        return out;
    }

    private void run(ImageUri uri, AllowedPrefix allowedBy, ByteBudget.Reservation reservation, Attempt attempt,
                     CompletableFuture<Object> out) {
        long started = System.nanoTime();
        AtomicBoolean over = new AtomicBoolean();
        java.util.function.Consumer<Object> finish = result -> {
            if (over.compareAndSet(false, true)) {
                limit.done();
                out.complete(result);
            }
        };
        if (attempt.cancelled()) {
            finish.accept(new FetchResult.Failed(FetchFailure.FETCH_FAILED, "cancelled", uri.scheme(), 0));
            return;
        }
        Deadline deadline = Deadline.after(settings.deadline());
        CompletableFuture<HttpSource.Body> body;
        try {
            body = uri.isFile() ? files.fetch(uri, allowedBy, deadline, reservation, attempt)
                    : http.fetch(uri, deadline, reservation, attempt);
        } catch (RuntimeException e) { // a rejected task after close(), a client bug: this fetch fails, nothing else
            body = CompletableFuture.failedFuture(e);
        }
        ScheduledFuture<?> lastResort = timer.schedule(() -> {
            finish.accept(new FetchResult.Failed(FetchFailure.FETCH_TIMEOUT, "no result from " + uri
                    + " within fetch.deadline", uri.scheme(), System.nanoTime() - started));
            attempt.cancel(); // after the result is set: the cancellation's own failure must not replace it
        }, settings.deadline().toNanos() + SAFETY_MARGIN_NANOS, TimeUnit.NANOSECONDS);
        body.whenComplete((b, error) -> {
            lastResort.cancel(false);
            long nanos = System.nanoTime() - started;
            if (error == null) {
                finish.accept(new FetchResult.Fetched(b.bytes(), uri.scheme(), nanos, b.redirects()));
                return;
            }
            Exception e = HttpSource.translate(error, uri);
            if (e instanceof Deferred) {
                finish.accept(DEFERRED);
            } else {
                FetchException f = (FetchException) e;
                finish.accept(new FetchResult.Failed(f.failure(), f.getMessage(), uri.scheme(), nanos));
            }
        });
    }

    /** Bytes of fetched images held in memory now. */
    public long bufferedBytes() {
        return budget.held();
    }

    /** Fetches in progress now. */
    public int inProgress() {
        return limit.running();
    }

    /** Fetches waiting for one of the {@code concurrency} permits. */
    public int waiting() {
        return limit.waiting();
    }

    @Override
    public void close() {
        for (ExecutorService e : new ExecutorService[] {timer, callbacks, fileReaders}) {
            if (e != null) {
                e.shutdownNow();
            }
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
