package dev.imagedrift.stream;

import dev.imagedrift.fetch.FetchResult;
import dev.imagedrift.fetch.ImageFetch;
import dev.imagedrift.fetch.ImageFetcher;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The fetch stage, before extraction: fetches the images events name by URI concurrently and
 * hands every record on in input order, so that the stream thread never waits for one image at a
 * time and what follows sees the same sequence as without it.
 *
 * <p>Why a store: Kafka Streams commits a task's input offsets whatever a processor still holds in
 * memory, so a plain queue of pending fetches would lose its events in a crash. Each record that
 * has to wait is written to the changelogged {@value #STORE} store (keyed by its place in the
 * queue) in the same transaction that commits its input offset, and deleted in the transaction
 * that carries what it became. After a crash or a move to another instance the store is restored,
 * and {@link #init} starts fetching its records again: under exactly-once every event is handed on
 * once. The store is cached, so a record that arrives and leaves within one commit interval (the
 * common case) never reaches the changelog.
 *
 * <p>Records go through the queue only while it is not empty: with nothing waiting, a record that
 * carries its image is handed on at once, as if this stage did not exist. Results are handed on
 * from {@code process()} and from a wall-clock punctuator every {@link #FORWARD_INTERVAL}, so they
 * do not wait for the next input. At most {@code maxPending} records wait per task; the next one
 * blocks the stream thread until the oldest is done, which takes at most {@code fetch.deadline}.
 * A record larger than {@link #MAX_STORED_BYTES} (a big inline image behind a fetch) is never
 * stored: the stream thread first waits until the queue is empty.
 */
final class FetchProcessor implements Processor<byte[], byte[], byte[], InputRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(FetchProcessor.class);
    static final String STORE = "pending-fetches";
    static final Duration FORWARD_INTERVAL = Duration.ofMillis(20);
    /** Under the default 1 MiB record limit of the changelog, and small enough for the record cache. */
    static final int MAX_STORED_BYTES = 64 * 1024;
    private static final Duration WAIT_LOG_INTERVAL = Duration.ofSeconds(30);

    /** Finds the URI of the image a record names; null when it names none, or is not a valid event (extraction says why). */
    @FunctionalInterface
    interface ImageReference {
        URI of(Record<byte[], byte[]> record);
    }

    private record Waiting(long sequence, Record<byte[], byte[]> record, SourcePosition source, ImageFetch fetch) {}

    private final ImageFetcher fetcher;
    private final ImageReference references;
    private final int maxPending;
    private final RecordFailures failures;
    private final MonitorListener listener;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private ProcessorContext<byte[], InputRecord> context;
    private KeyValueStore<Bytes, byte[]> store;
    private long nextSequence;

    /**
     * @param failures the records that stopped a stream thread: one that did so
     *                 {@code reliability.max-record-attempts} times is not read here but handed on
     *                 (in order) for extraction to dead-letter
     * @param listener the metrics, told directly (not at commit): fetches made and events waiting
     *                 are work done, a fetch repeated after a restart included
     */
    FetchProcessor(ImageFetcher fetcher, ImageReference references, int maxPending, RecordFailures failures,
                   MonitorListener listener) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1: " + maxPending);
        }
        this.fetcher = fetcher;
        this.references = references;
        this.maxPending = maxPending;
        this.failures = failures;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<byte[], InputRecord> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        abandonAll(); // a task re-initialised after a failure starts again from its store
        restore();
        context.schedule(FORWARD_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> forwardReady());
    }

    private void restore() {
        java.util.List<Bytes> unreadable = new java.util.ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                nextSequence = PendingRecords.sequence(kv.key.get()) + 1;
                PendingRecords.Pending p;
                try {
                    p = PendingRecords.decode(kv.key.get(), kv.value);
                } catch (RuntimeException e) {
                    // Only a future format (after a downgrade) or a damaged changelog gets here; one
                    // unreadable entry must not stop the task from starting, again and again.
                    LOG.error("task {}: an unreadable waiting record ({}) is dropped", context.taskId(), e.getMessage());
                    unreadable.add(kv.key);
                    continue;
                }
                queue.add(new Waiting(p.sequence(), p.record(), p.source(), start(reference(p.record(), p.source()))));
            }
        }
        unreadable.forEach(store::delete);
        if (!queue.isEmpty()) {
            LOG.info("task {}: {} events were waiting for their images when it last stopped; fetching them again",
                    context.taskId(), queue.size());
            listener.fetchesWaiting(queue.size());
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        SourcePosition source = SourcePosition.of(context);
        URI uri = reference(record, source);
        if (uri == null && queue.isEmpty()) {
            hand(record, source, null);
            return;
        }
        if (storedSize(record) > MAX_STORED_BYTES) {
            processUnstored(record, source, uri);
            return;
        }
        ImageFetch fetch = start(uri);
        if (queue.isEmpty() && fetch != null && fetch.isDone()) { // refused at once (not allowed, bad URI): nothing to wait for
            try {
                hand(record, source, fetch.result());
            } finally {
                fetch.close();
            }
            return;
        }
        while (queue.size() >= maxPending) {
            forwardHead(await(queue.peek()));
        }
        long sequence = nextSequence++;
        store.put(Bytes.wrap(PendingRecords.key(sequence)), PendingRecords.encode(record, source));
        queue.add(new Waiting(sequence, record, source, fetch));
        listener.fetchesWaiting(1);
        forwardReady();
    }

    /** A record too large to store: once everything ahead of it is handed on, it is handled here and now. */
    private void processUnstored(Record<byte[], byte[]> record, SourcePosition source, URI uri) {
        while (!queue.isEmpty()) {
            forwardHead(await(queue.peek()));
        }
        if (uri == null) {
            hand(record, source, null);
            return;
        }
        ImageFetch fetch = fetcher.start(uri);
        try {
            hand(record, source, await(fetch, uri));
        } finally {
            fetch.close();
        }
    }

    /**
     * The URI of the image the record names, or null: it names none, is not a valid event, or
     * failed in a way extraction reports (extraction parses it again, and dead-letters it with the
     * reason, or as {@code repeated_failure} when it stopped the thread too often). While it is read,
     * a stream thread that dies blames this record ({@link RecordFailures}).
     */
    private URI reference(Record<byte[], byte[]> record, SourcePosition source) {
        if (failures.exhausted(source) != null) {
            return null;
        }
        failures.begin(source);
        URI uri;
        try {
            uri = references.of(record);
        } catch (Throwable e) { // like extraction: one record's Error is not the thread's (see FatalErrors)
            FatalErrors.rethrowIfFatal(e); // the thread dies blaming this record
            LOG.warn("cannot read the image URI of record {}; extraction says why: {}", source,
                    RecordFailures.describe(e));
            uri = null;
        }
        failures.leave();
        return uri;
    }

    private ImageFetch start(URI uri) {
        return uri == null ? null : fetcher.start(uri);
    }

    /** Hands on every record at the head of the queue whose image is in. */
    private void forwardReady() {
        while (!queue.isEmpty()) {
            Waiting head = queue.peek();
            FetchResult result = null;
            if (head.fetch() != null) {
                head.fetch().prioritise();
                result = head.fetch().result();
                if (result == null) {
                    return;
                }
            }
            forwardHead(result);
        }
    }

    private FetchResult await(Waiting w) {
        return w.fetch() == null ? null : await(w.fetch(), null);
    }

    /** Blocks the stream thread until the fetch is done; every fetch ends by its deadline. */
    private FetchResult await(ImageFetch fetch, URI uri) {
        long started = System.nanoTime();
        while (true) {
            try {
                FetchResult r = fetch.await(WAIT_LOG_INTERVAL);
                if (r != null) {
                    return r;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.streams.errors.StreamsException("interrupted while waiting for an image", e);
            }
            LOG.warn("task {}: the stream thread has waited {} s for an image fetch (fetch.deadline {})", context.taskId(),
                    (System.nanoTime() - started) / 1_000_000_000L, fetcher.settings().deadline());
        }
    }

    private void forwardHead(FetchResult result) {
        Waiting w = queue.poll();
        try {
            hand(w.record(), w.source(), result);
            store.delete(Bytes.wrap(PendingRecords.key(w.sequence())));
        } finally {
            if (w.fetch() != null) {
                w.fetch().close();
            }
            listener.fetchesWaiting(-1);
        }
    }

    private void hand(Record<byte[], byte[]> record, SourcePosition source, FetchResult fetched) {
        if (fetched != null) {
            listener.imageFetched(fetched);
        }
        context.forward(new Record<>(record.key(), new InputRecord(record.value(), source, fetched),
                record.timestamp(), record.headers()));
    }

    private static long storedSize(Record<byte[], byte[]> record) {
        long n = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
        if (record.headers() != null) {
            for (org.apache.kafka.common.header.Header h : record.headers()) {
                n += h.key().length() + (h.value() == null ? 0 : h.value().length);
            }
        }
        return n;
    }

    @Override
    public void close() {
        abandonAll();
    }

    /** Stops the fetches of this task's queue (it is closing or starting over); the store keeps the records. */
    private void abandonAll() {
        if (!queue.isEmpty()) {
            listener.fetchesWaiting(-queue.size());
        }
        for (Waiting w : queue) {
            if (w.fetch() != null) {
                w.fetch().close();
            }
        }
        queue.clear();
    }
}
