package dev.imagedrift.fetch;

import java.util.concurrent.CompletableFuture;

/** One try at a fetch, as far as it got: so that abandoning it stops the request or the body at once. */
final class Attempt {
    private volatile boolean cancelled;
    private volatile CompletableFuture<?> sent;
    private volatile BoundedBody body;

    void sending(CompletableFuture<?> request) {
        sent = request;
        if (cancelled) {
            request.cancel(true);
        }
    }

    void receiving(BoundedBody b) {
        body = b;
        if (cancelled) {
            b.cancel();
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
        CompletableFuture<?> s = sent;
        if (s != null) {
            s.cancel(true);
        }
        BoundedBody b = body;
        if (b != null) {
            b.cancel();
        }
    }
}
