package dev.imagedrift.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads a file: URI under an allowed root, on a small pool of its own (file reads block).
 *
 * <p>Confinement: the path has no dot segments ({@link ImageUri}) and lies under the root by
 * name; then every symbolic link is resolved ({@link Path#toRealPath}) and the real path must
 * still lie under the root's real path, so a link inside the root that points inside it works
 * (Kubernetes volume mounts are made of such links) and one that points outside is
 * {@link FetchFailure#URI_NOT_ALLOWED}. Only a regular file is read (not a directory, device or
 * FIFO, which could block or never end), opened by its real path without following links, so a
 * last component swapped for a link after the check fails to open. What remains is a race in
 * which someone who can write under the root swaps a directory for a link between the check and
 * the open: they could make the monitor read a file outside the root as an image; its bytes are
 * decoded and measured, never written anywhere.
 *
 * <p>The size is refused from the file's attributes first, and enforced again while reading (a
 * file may grow); each chunk is charged to the byte budget.
 */
final class FileSource {
    static final int CHUNK = 64 * 1024;

    private final long maxBytes;
    private final Executor pool;

    FileSource(long maxBytes, Executor pool) {
        this.maxBytes = maxBytes;
        this.pool = pool;
    }

    CompletableFuture<HttpSource.Body> fetch(ImageUri uri, AllowedPrefix root, Deadline deadline,
                                             ByteBudget.Reservation reservation, Attempt attempt) {
        CompletableFuture<HttpSource.Body> out = new CompletableFuture<>();
        pool.execute(() -> {
            try {
                out.complete(new HttpSource.Body(read(uri, root, deadline, reservation, attempt), 0));
            } catch (FetchException | Deferred e) {
                out.completeExceptionally(e);
            } catch (RuntimeException e) {
                out.completeExceptionally(new FetchException(FetchFailure.FETCH_FAILED,
                        e.getClass().getName() + " reading " + uri + ": " + e.getMessage()));
            }
        });
        return out;
    }

    byte[] read(ImageUri uri, AllowedPrefix root, Deadline deadline, ByteBudget.Reservation reservation,
                Attempt attempt) throws FetchException, Deferred {
        Path rootReal;
        try {
            rootReal = root.root().toRealPath();
        } catch (IOException e) {
            throw new FetchException(FetchFailure.FETCH_FAILED, "the allowed root " + root + " cannot be read: "
                    + describe(e));
        }
        Path real;
        try {
            real = uri.filePath().toRealPath();
        } catch (IOException e) {
            throw new FetchException(FetchFailure.FETCH_FAILED, uri + ": " + describe(e));
        }
        if (!real.startsWith(rootReal)) {
            throw new FetchException(FetchFailure.URI_NOT_ALLOWED, uri + " resolves (through a symbolic link) to a file"
                    + " outside its allowed root " + root);
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new FetchException(FetchFailure.FETCH_FAILED, uri + " is not a regular file");
            }
            if (attributes.size() > maxBytes) {
                throw new FetchException(FetchFailure.TOO_LARGE, uri + " has " + attributes.size()
                        + " bytes, more than images.max-bytes (" + maxBytes + ")");
            }
            try (SeekableByteChannel in = Files.newByteChannel(real,
                    Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                return readAll(in, uri, deadline, reservation, attempt);
            }
        } catch (IOException e) {
            throw new FetchException(FetchFailure.FETCH_FAILED, uri + ": " + describe(e));
        }
    }

    private byte[] readAll(SeekableByteChannel in, ImageUri uri, Deadline deadline, ByteBudget.Reservation reservation,
                           Attempt attempt) throws IOException, FetchException, Deferred {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) Math.min(in.size() + 1, maxBytes + 1));
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        long total = 0;
        int n;
        while ((n = in.read(chunk.clear())) >= 0) {
            if (attempt.cancelled()) {
                throw new FetchException(FetchFailure.FETCH_FAILED, "cancelled");
            }
            if (deadline.passed()) {
                throw new FetchException(FetchFailure.FETCH_TIMEOUT, "reading " + uri + " took longer than fetch.deadline ("
                        + total + " bytes read)");
            }
            total += n;
            if (total > maxBytes) {
                throw new FetchException(FetchFailure.TOO_LARGE, uri + " grew past images.max-bytes (" + maxBytes
                        + ") while it was read");
            }
            if (!reservation.grow(n)) {
                throw Deferred.INSTANCE;
            }
            out.write(chunk.array(), 0, n);
        }
        return out.toByteArray();
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemLoopException) return "a loop of symbolic links";
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
