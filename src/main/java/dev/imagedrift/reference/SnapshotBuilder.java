package dev.imagedrift.reference;

import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.properties.PropertySet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a {@link ReferenceSnapshot} from a directory of images: finds the image files
 * ({@link ImageFiles}), decodes each and computes its properties on several threads, keeps a
 * seeded uniform sample of the rows ({@link SeededSample}) and lists every file it could not use.
 *
 * <p>The snapshot depends only on the files, the property set, the sample bound and the seed: not
 * on the thread count or on scheduling (rows and skips are sorted by id). Skip reason codes are
 * the {@link dev.imagedrift.image.RejectReason} codes of the loader, plus {@code unreadable} (the
 * walk could not read an entry) and {@code internal_error} (the loader or a property threw an
 * unexpected exception; the message says which).
 *
 * <p>With {@link SnapshotOptions#sampleFirst()} the builder decodes files in sampling-key order and
 * stops once the sample is full: the same sample as a full scan (the readable files with the
 * smallest keys), at a cost bounded by the sample size instead of the folder size, but
 * {@code imagesRead} and the skip list then cover only the files it tried.
 */
public final class SnapshotBuilder {
    static final String INTERNAL_ERROR = "internal_error";

    private final PropertySet properties;
    private final ImageLoader loader;
    private final SnapshotOptions options;
    private final Clock clock;

    public SnapshotBuilder(PropertySet properties, ImageLoader loader, SnapshotOptions options) {
        this(properties, loader, options, Clock.systemUTC());
    }

    /** With a clock for the snapshot's {@code createdAt}, for tests. */
    SnapshotBuilder(PropertySet properties, ImageLoader loader, SnapshotOptions options, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One file's result: its property values, or why it was skipped. */
    private record Outcome(ImageFiles.ImageFile file, double[] values, SkippedImage skipped) {}

    /** What a pass over the files kept. */
    private record Measured(List<SnapshotRow> rows, long read, List<SkippedImage> skipped) {}

    /**
     * Builds a snapshot of the images under {@code directory}. A snapshot with no rows comes back
     * when no image could be read; the caller decides whether that is an error.
     *
     * @throws IOException when {@code directory} is not a readable directory
     */
    public SnapshotBuild build(Path directory) throws IOException {
        long start = System.nanoTime();
        Path root = directory.toAbsolutePath().normalize();
        ImageFiles.Scan scan = ImageFiles.scan(root);
        List<ImageFiles.ImageFile> files = scan.images();
        int threads = Math.max(1, Math.min(options.threads(), files.size()));
        long toTry = options.sampleFirst() ? Math.min(files.size(), options.maxSamples()) : files.size();

        Measured measured;
        try (BuildProgress progress = options.progress()
                ? BuildProgress.onStderr("snapshot", toTry) : BuildProgress.NONE) {
            measured = options.sampleFirst()
                    ? measureInKeyOrder(files, threads, progress) : measureAll(files, threads, progress);
        }

        List<SkippedImage> skipped = new ArrayList<>(scan.unreadable());
        skipped.addAll(scan.others());
        skipped.addAll(measured.skipped());
        skipped.sort(Comparator.comparing(SkippedImage::id));
        ReferenceSnapshot snapshot = new ReferenceSnapshot(ReferenceSnapshot.FORMAT_VERSION,
                clock.instant().toString(), root.toString(), properties.names(), measured.read(), skipped,
                options.maxSamples(), options.seed(), measured.rows(), loader.measuredWith(), null);
        return new SnapshotBuild(snapshot, files.size() + scan.unreadable().size(), scan.others().size(), threads,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Every file, kept rows chosen by the seeded bottom-k sample. */
    private Measured measureAll(List<ImageFiles.ImageFile> files, int threads, BuildProgress progress)
            throws IOException {
        SeededSample sample = new SeededSample(options.maxSamples(), options.seed());
        Queue<SkippedImage> skipped = new ConcurrentLinkedQueue<>();
        AtomicInteger read = new AtomicInteger();
        runWorkers(threads, files.size(), i -> {
            Outcome o = measure(files.get(i));
            if (o.skipped() == null) {
                sample.offer(o.file().id(), o.values());
                read.incrementAndGet();
            } else {
                skipped.add(o.skipped());
            }
            progress.step();
        });
        return new Measured(sample.rows(), read.get(), List.copyOf(skipped));
    }

    /**
     * Files in sampling-key order, in waves of as many files as rows are still missing, until the
     * sample is full. Within a wave, outcomes are taken in key order and nothing after the row that
     * fills the sample counts, so the result does not depend on how the threads raced.
     */
    private Measured measureInKeyOrder(List<ImageFiles.ImageFile> files, int threads, BuildProgress progress)
            throws IOException {
        List<ImageFiles.ImageFile> byKey = byKey(files);
        List<SnapshotRow> rows = new ArrayList<>();
        List<SkippedImage> skipped = new ArrayList<>();
        int next = 0;
        while (rows.size() < options.maxSamples() && next < byKey.size()) {
            int waveSize = Math.min(options.maxSamples() - rows.size(), byKey.size() - next);
            List<ImageFiles.ImageFile> wave = byKey.subList(next, next + waveSize);
            Outcome[] outcomes = new Outcome[waveSize];
            runWorkers(Math.min(threads, waveSize), waveSize, i -> {
                outcomes[i] = measure(wave.get(i));
                progress.step();
            });
            for (Outcome o : outcomes) {
                if (rows.size() == options.maxSamples()) {
                    break;
                }
                if (o.skipped() == null) {
                    rows.add(new SnapshotRow(o.file().id(), o.values()));
                } else {
                    skipped.add(o.skipped());
                }
            }
            next += waveSize;
        }
        rows.sort(Comparator.comparing(SnapshotRow::id));
        return new Measured(rows, rows.size(), skipped);
    }

    private List<ImageFiles.ImageFile> byKey(List<ImageFiles.ImageFile> files) {
        record Keyed(long key, ImageFiles.ImageFile file) {}
        List<Keyed> keyed = new ArrayList<>(files.size());
        for (ImageFiles.ImageFile f : files) {
            keyed.add(new Keyed(SeededSample.key(options.seed(), f.id()), f));
        }
        keyed.sort(Comparator.comparingLong(Keyed::key).thenComparing(k -> k.file().id()));
        return keyed.stream().map(Keyed::file).toList();
    }

    private Outcome measure(ImageFiles.ImageFile file) {
        try {
            return new Outcome(file, loader.measure(file.path(), properties), null);
        } catch (ImageRejected e) {
            return new Outcome(file, null, new SkippedImage(file.id(), e.reason().code(), e.getMessage()));
        } catch (RuntimeException e) {
            // A bug in a loader or a custom property must not end a build of a million images.
            return new Outcome(file, null, new SkippedImage(file.id(), INTERNAL_ERROR, file.path() + ": " + e));
        }
    }

    private interface IndexTask {
        void run(int index);
    }

    /**
     * Runs the task for indexes 0..count-1 on {@code threads} workers that each take the next index
     * in turn; stops early and rethrows when a worker dies of an Error (out of memory, say).
     */
    private static void runWorkers(int threads, int count, IndexTask task) throws IOException {
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable worker = () -> {
            try {
                for (int i = next.getAndIncrement(); i < count && !failed.get(); i = next.getAndIncrement()) {
                    task.run(i);
                }
            } catch (Throwable t) {
                failed.set(true);
                throw t;
            }
        };
        if (threads <= 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "snapshot-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.set(true);
            throw new InterruptedIOException("snapshot build interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("snapshot worker failed", cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
