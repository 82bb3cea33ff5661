package dev.imagedrift.fetch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static dev.imagedrift.fetch.Fetching.bytes;
import static dev.imagedrift.fetch.Fetching.failed;
import static dev.imagedrift.fetch.Fetching.fetch;
import static dev.imagedrift.fetch.Fetching.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading file: URIs under a root: inside is read, outside is refused however it is reached
 * (a name, dot segments, a symbolic link to a file or a directory), and only regular files of
 * allowed size are read.
 */
class FileFetchTest {
    private static final long MAX = 100_000;

    @TempDir
    Path dir;
    private Path root;
    private Path outside;
    private ImageFetcher fetcher;
    private final byte[] image = new byte[40_000];

    @BeforeEach
    void setUp() throws Exception {
        new Random(2).nextBytes(image);
        root = Files.createDirectories(dir.resolve("data/frames"));
        outside = Files.createDirectories(dir.resolve("data/secrets"));
        Files.write(root.resolve("a.jpg"), image);
        Files.createDirectories(root.resolve("cam-1"));
        Files.write(root.resolve("cam-1/b.jpg"), image);
        Files.write(outside.resolve("key.jpg"), image);
        Files.createDirectories(dir.resolve("data/frames2"));
        Files.write(dir.resolve("data/frames2/c.jpg"), image);
        fetcher = new ImageFetcher(settings(List.of(root.toUri().toString()), MAX, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 4, 64L << 20));
    }

    @AfterEach
    void close() {
        fetcher.close();
    }

    private FetchResult get(Path p) throws InterruptedException {
        return fetch(fetcher, p.toUri().toString());
    }

    @Test
    void filesUnderTheRootAreRead() throws Exception {
        FetchResult r = get(root.resolve("a.jpg"));
        assertArrayEquals(image, bytes(r));
        assertEquals("file", r.scheme());
        assertArrayEquals(image, bytes(get(root.resolve("cam-1/b.jpg"))));
        assertArrayEquals(image, bytes(fetch(fetcher, "file://" + root.resolve("a.jpg"))));
    }

    @Test
    void pathsOutsideTheRootAreRefusedByName() throws Exception {
        failed(FetchFailure.URI_NOT_ALLOWED, get(outside.resolve("key.jpg")));
        failed(FetchFailure.URI_NOT_ALLOWED, get(dir.resolve("data/frames2/c.jpg"))); // a sibling sharing the prefix
        failed(FetchFailure.BAD_URI, fetch(fetcher, "file://" + root + "/../secrets/key.jpg"));
        failed(FetchFailure.BAD_URI, fetch(fetcher, "file://" + root + "/%2e%2e/secrets/key.jpg"));
        failed(FetchFailure.BAD_URI, fetch(fetcher, "file://otherhost" + root + "/a.jpg"));
    }

    @Test
    void symbolicLinksMayNotLeadOutOfTheRoot() throws Exception {
        Files.createSymbolicLink(root.resolve("inside-link.jpg"), root.resolve("cam-1/b.jpg"));
        Files.createSymbolicLink(root.resolve("escape.jpg"), outside.resolve("key.jpg"));
        Files.createSymbolicLink(root.resolve("escape-dir"), outside);
        Files.createSymbolicLink(root.resolve("zero"), Path.of("/dev/zero"));
        assertArrayEquals(image, bytes(get(root.resolve("inside-link.jpg"))), "a link within the root works");
        FetchResult.Failed escape = failed(FetchFailure.URI_NOT_ALLOWED, get(root.resolve("escape.jpg")));
        assertTrue(escape.message().contains("symbolic link"), escape.message());
        failed(FetchFailure.URI_NOT_ALLOWED, get(root.resolve("escape-dir/key.jpg")));
        failed(FetchFailure.URI_NOT_ALLOWED, get(root.resolve("zero")));
    }

    @Test
    void aRootThatIsItselfALinkWorks() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("current"), root); // as Kubernetes mounts volumes
        try (ImageFetcher viaLink = new ImageFetcher(settings(List.of(link.toUri().toString())))) {
            assertArrayEquals(image, bytes(fetch(viaLink, link.resolve("a.jpg").toUri().toString())));
        }
    }

    @Test
    void onlyRegularFilesOfAllowedSizeAreRead() throws Exception {
        failed(FetchFailure.FETCH_FAILED, get(root.resolve("cam-1")));
        FetchResult.Failed missing = failed(FetchFailure.FETCH_FAILED, get(root.resolve("missing.jpg")));
        assertTrue(missing.message().contains("no such file"), missing.message());
        Files.write(root.resolve("big.jpg"), new byte[(int) MAX + 1]);
        failed(FetchFailure.TOO_LARGE, get(root.resolve("big.jpg")));
        Path fifo = root.resolve("pipe.jpg");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        long started = System.nanoTime();
        failed(FetchFailure.FETCH_FAILED, get(fifo)); // opening a FIFO would block until a writer came
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "refused without opening it");
        assertEquals(0, fetcher.bufferedBytes());
    }
}
