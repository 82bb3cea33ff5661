package dev.imagedrift.reference;

import dev.imagedrift.image.DecodedImage;
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
import java.util.concurrent.atomic.AtomicLong;

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

    /**
     * Builds a snapshot of every image under {@code directory}. A snapshot with no rows comes back
     * when no image could be read; the caller decides whether that is an error.
     *
     * @throws IOException when {@code directory} is not a readable directory
     */
    public SnapshotBuild build(Path directory) throws IOException {
        long start = System.nanoTime();
        Path root = directory.toAbsolutePath().normalize();
        ImageFiles.Scan scan = ImageFiles.scan(root);
        List<ImageFiles.ImageFile> files = scan.images();

        SeededSample sample = new SeededSample(options.maxSamples(), options.seed());
        Queue<SkippedImage> skipped = new ConcurrentLinkedQueue<>(scan.unreadable());
        AtomicLong read = new AtomicLong();
        int threads = Math.max(1, Math.min(options.threads(), files.size()));
        try (BuildProgress progress = options.progress()
                ? BuildProgress.onStderr("snapshot", files.size()) : BuildProgress.NONE) {
            runWorkers(threads, files, file -> {
                measure(file, sample, skipped, read);
                progress.step();
            });
        }

        List<SkippedImage> skippedSorted = new ArrayList<>(skipped);
        skippedSorted.sort(Comparator.comparing(SkippedImage::id));
        ReferenceSnapshot snapshot = new ReferenceSnapshot(ReferenceSnapshot.FORMAT_VERSION,
                clock.instant().toString(), root.toString(), properties.names(), read.get(), skippedSorted,
                options.maxSamples(), options.seed(), sample.rows());
        int imageFiles = (int) read.get() + skippedSorted.size();
        return new SnapshotBuild(snapshot, imageFiles, scan.ignored(), threads,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void measure(ImageFiles.ImageFile file, SeededSample sample, Queue<SkippedImage> skipped,
                         AtomicLong read) {
        try {
            DecodedImage image = loader.load(file.path());
            double[] values = properties.compute(image);
            sample.offer(file.id(), values);
            read.incrementAndGet();
        } catch (ImageRejected e) {
            skipped.add(new SkippedImage(file.id(), e.reason().code(), e.getMessage()));
        } catch (RuntimeException e) {
            // A bug in a loader or a custom property must not end a build of a million images.
            skipped.add(new SkippedImage(file.id(), INTERNAL_ERROR, file.path() + ": " + e));
        }
    }

    private interface FileTask {
        void run(ImageFiles.ImageFile file);
    }

    /**
     * Runs the task on every file with {@code threads} workers that each take the next file in
     * turn; stops early and rethrows when a worker dies of an Error (out of memory, say).
     */
    private static void runWorkers(int threads, List<ImageFiles.ImageFile> files, FileTask task)
            throws IOException {
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable worker = () -> {
            try {
                for (int i = next.getAndIncrement(); i < files.size() && !failed.get(); i = next.getAndIncrement()) {
                    task.run(files.get(i));
                }
            } catch (Throwable t) {
                failed.set(true);
                throw t;
            }
        };
        if (threads == 1) {
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
