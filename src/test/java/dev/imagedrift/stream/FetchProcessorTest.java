package dev.imagedrift.stream;

import dev.imagedrift.fetch.FetchFailure;
import dev.imagedrift.fetch.FetchResult;
import dev.imagedrift.fetch.FetchSettings;
import dev.imagedrift.fetch.ImageFetcher;
import dev.imagedrift.fetch.TestImageServer;
import dev.imagedrift.fetch.UriAllowList;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fetch stage on its own, with a mock context and a real store: records leave in input order
 * whatever the latencies, nothing is lost when the processor is dropped mid-fetch and a new one
 * starts from the store, and the queue and its store stay bounded.
 */
class FetchProcessorTest {
    private TestImageServer server;
    private ImageFetcher fetcher;
    private final AtomicInteger waiting = new AtomicInteger();
    private final MonitorListener listener = new MonitorListener() {
        @Override
        public void fetchesWaiting(int delta) {
            waiting.addAndGet(delta);
        }
    };

    /** Test values: "uri:" + a URI names an image; anything else carries its own. */
    private static final FetchProcessor.ImageReference REFERENCE = r -> {
        String v = new String(r.value(), StandardCharsets.UTF_8);
        return v.startsWith("uri:") ? URI.create(v.substring(4)) : null;
    };

    @BeforeEach
    void start() throws Exception {
        server = new TestImageServer();
        fetcher = new ImageFetcher(new FetchSettings(UriAllowList.of(List.of(server.url("/img/"))), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 3, 2, 1 << 20, 16, 64L << 20));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    private static KeyValueStore<Bytes, byte[]> store(MockProcessorContext<byte[], InputRecord> context) {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(FetchProcessor.STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static MockProcessorContext<byte[], InputRecord> context(KeyValueStore<Bytes, byte[]> existing) {
        MockProcessorContext<byte[], InputRecord> c = new MockProcessorContext<>();
        if (existing != null) {
            c.addStateStore(existing);
        }
        return c;
    }

    private static void process(FetchProcessor p, MockProcessorContext<byte[], InputRecord> c, int offset, String value) {
        c.setRecordMetadata("image-events", 0, offset);
        p.process(new Record<>(("k" + offset).getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8),
                1000L + offset, new RecordHeaders()));
    }

    /** Runs the wall-clock punctuator until {@code n} records have been forwarded. */
    private static List<InputRecord> drain(MockProcessorContext<byte[], InputRecord> c, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (c.forwarded().size() < n && System.nanoTime() < deadline) {
            c.scheduledPunctuators().get(0).getPunctuator().punctuate(System.currentTimeMillis());
            Thread.sleep(5);
        }
        List<InputRecord> out = new ArrayList<>();
        c.forwarded().forEach(f -> out.add((InputRecord) f.record().value()));
        return out;
    }

    @Test
    void recordsLeaveInInputOrderWhateverTheLatencies() throws Exception {
        Random random = new Random(7);
        int n = 300;
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (random.nextInt(10) < 3) {
                values.add("inline-" + i);
            } else {
                server.route("/img/" + i + ".jpg", TestImageServer.image(("image-" + i).getBytes(StandardCharsets.UTF_8),
                        Duration.ofMillis(random.nextInt(60))));
                values.add("uri:" + server.url("/img/" + i + ".jpg"));
            }
        }
        values.set(5, "uri:" + server.url("/img/missing.jpg"));
        values.set(6, "uri:" + server.url("/elsewhere/6.jpg"));
        MockProcessorContext<byte[], InputRecord> c = context(null);
        KeyValueStore<Bytes, byte[]> store = store(c);
        FetchProcessor p = new FetchProcessor(fetcher, REFERENCE, 32, new RecordFailures(3), listener);
        p.init(c);
        for (int i = 0; i < n; i++) {
            process(p, c, i, values.get(i));
        }
        List<InputRecord> out = drain(c, n);
        assertEquals(n, out.size());
        for (int i = 0; i < n; i++) {
            InputRecord r = out.get(i);
            assertEquals(values.get(i), new String(r.value(), StandardCharsets.UTF_8), "record " + i + " in its place");
            assertEquals(i, r.source().offset(), "each record keeps its own source position");
            if (i == 5) {
                assertEquals(FetchFailure.FETCH_STATUS, ((FetchResult.Failed) r.fetched()).failure());
            } else if (i == 6) {
                assertEquals(FetchFailure.URI_NOT_ALLOWED, ((FetchResult.Failed) r.fetched()).failure());
            } else if (values.get(i).startsWith("uri:")) {
                assertArrayEquals(("image-" + i).getBytes(StandardCharsets.UTF_8),
                        assertInstanceOf(FetchResult.Fetched.class, r.fetched()).bytes());
            } else {
                assertNull(r.fetched());
            }
        }
        assertTrue(server.maxInProgress() > 4, "fetches overlap: " + server.maxInProgress() + " at most at once");
        assertEquals(0, count(store), "nothing left in the store");
        assertEquals(0, waiting.get());
        assertEquals(0, fetcher.bufferedBytes());
    }

    @Test
    void aNewProcessorFetchesAgainWhatItsStoreHolds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.route("/img/held.jpg", TestImageServer.held("held".getBytes(StandardCharsets.UTF_8), release,
                Duration.ofSeconds(30)));
        MockProcessorContext<byte[], InputRecord> first = context(null);
        KeyValueStore<Bytes, byte[]> store = store(first);
        FetchProcessor crashed = new FetchProcessor(fetcher, REFERENCE, 16, new RecordFailures(3), listener);
        crashed.init(first);
        process(crashed, first, 0, "inline-0");
        for (int i = 1; i <= 5; i++) {
            process(crashed, first, i, i % 2 == 0 ? "inline-" + i : "uri:" + server.url("/img/held.jpg?n=" + i));
        }
        assertEquals(1, first.forwarded().size(), "the inline record ahead of every fetch left at once");
        assertEquals(5, count(store), "the five behind the first fetch wait in the store");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), keys(store));
        for (int i = 0; i < 500 && server.inProgress() < 3; i++) {
            Thread.sleep(10);
        }
        assertEquals(3, server.inProgress(), "the three fetches are under way");
        crashed.close(); // the task goes away mid-fetch; its store (changelogged) survives

        store.put(Bytes.wrap(PendingRecords.key(99)), new byte[] {99, 1, 2}); // damaged: dropped, not a crash loop
        MockProcessorContext<byte[], InputRecord> second = context(store);
        FetchProcessor restarted = new FetchProcessor(fetcher, REFERENCE, 16, new RecordFailures(3), listener);
        restarted.init(second);
        release.countDown();
        List<InputRecord> out = drain(second, 5);
        assertEquals(List.of("uri:", "inline-2", "uri:", "inline-4", "uri:"), out.stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .map(v -> v.startsWith("uri:") ? "uri:" : v).toList());
        for (int i = 0; i < 5; i++) {
            assertEquals(i + 1, out.get(i).source().offset(), "the source position came back from the store");
            if (i % 2 == 0) {
                assertArrayEquals("held".getBytes(StandardCharsets.UTF_8), ((FetchResult.Fetched) out.get(i).fetched()).bytes());
            }
        }
        assertEquals(6, server.requestsFor("/img/held.jpg"), "each of the three fetched twice: before and after");
        assertEquals(0, count(store));
        restarted.close();
        assertEquals(0, waiting.get());
    }

    @Test
    void theQueueIsBoundedAndALargeRecordWaitsForItToEmpty() throws Exception {
        server.route("/img/slow.jpg", TestImageServer.image("slow".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(300)));
        MockProcessorContext<byte[], InputRecord> c = context(null);
        KeyValueStore<Bytes, byte[]> store = store(c);
        FetchProcessor p = new FetchProcessor(fetcher, REFERENCE, 4, new RecordFailures(3), listener);
        p.init(c);
        for (int i = 0; i < 8; i++) {
            process(p, c, i, "uri:" + server.url("/img/slow.jpg?n=" + i));
            assertTrue(count(store) <= 4, "at most maxPending records wait: " + count(store));
        }
        assertTrue(c.forwarded().size() >= 4, "the fifth record waited for the first to leave");
        String big = "inline-" + "x".repeat(FetchProcessor.MAX_STORED_BYTES);
        process(p, c, 8, big);
        assertEquals(9, c.forwarded().size(), "everything ahead of the large record left first, then it");
        assertEquals(big, new String(((InputRecord) c.forwarded().get(8).record().value()).value(), StandardCharsets.UTF_8));
        assertEquals(0, count(store), "the large record was never stored");
        p.close();
    }

    @Test
    void aRecordWhoseUriCannotBeReadIsHandedOnInOrderAndAFatalErrorBlamesIt() throws Exception {
        server.route("/img/a.jpg", TestImageServer.image("a".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(100)));
        AtomicInteger reads = new AtomicInteger();
        FetchProcessor.ImageReference hostile = r -> {
            String v = new String(r.value(), StandardCharsets.UTF_8);
            if (v.equals("overflow")) {
                reads.incrementAndGet();
                throw new StackOverflowError("a deeply nested event");
            }
            if (v.equals("broken-vm")) {
                reads.incrementAndGet();
                throw new InternalError("the VM is broken");
            }
            return REFERENCE.of(r);
        };
        RecordFailures failures = new RecordFailures(2);
        MockProcessorContext<byte[], InputRecord> c = context(null);
        store(c);
        FetchProcessor p = new FetchProcessor(fetcher, hostile, 8, failures, listener);
        p.init(c);
        process(p, c, 0, "uri:" + server.url("/img/a.jpg"));
        process(p, c, 1, "overflow"); // one record's Error: handed on for extraction to dead-letter, in its place
        process(p, c, 2, "inline-2");
        List<InputRecord> out = drain(c, 3);
        assertEquals(List.of(0L, 1L, 2L), out.stream().map(r -> r.source().offset()).toList());
        assertNull(out.get(1).fetched());
        assertEquals(1, reads.get());

        // A fatal error stops the thread, blaming the record being read; after maxAttempts it is not read again.
        for (int attempt = 1; attempt <= 2; attempt++) {
            InternalError e = org.junit.jupiter.api.Assertions.assertThrows(InternalError.class,
                    () -> process(p, c, 3, "broken-vm"));
            var blamed = failures.threadFailed(e);
            assertEquals(3, blamed.getKey().offset(), "the thread's death is blamed on the record whose URI it read");
            assertEquals(attempt, blamed.getValue().count());
        }
        process(p, c, 3, "broken-vm");
        assertEquals(3, reads.get(), "read twice, then handed on unread");
        assertEquals(4, drain(c, 4).size());
        assertTrue(failures.exhausted(new SourcePosition("image-events", 0, 3)) != null,
                "extraction still sees the failures and dead-letters the record as repeated_failure");
        p.close();
    }

    private static List<Long> keys(KeyValueStore<Bytes, byte[]> store) {
        List<Long> keys = new ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> keys.add(PendingRecords.sequence(kv.key.get())));
        }
        return keys;
    }

    private static int count(KeyValueStore<Bytes, byte[]> store) {
        int n = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }
}
