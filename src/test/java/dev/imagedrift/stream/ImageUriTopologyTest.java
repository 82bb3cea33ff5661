package dev.imagedrift.stream;

import dev.imagedrift.fetch.FetchSettings;
import dev.imagedrift.fetch.ImageFetcher;
import dev.imagedrift.fetch.TestImageServer;
import dev.imagedrift.fetch.UriAllowList;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.imagedrift.stream.TopologyFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events that name their images by URI, through the whole topology: the images are fetched from an
 * in-process HTTP server with random latencies and scored like inline ones, every fetch failure is
 * a dead letter with its own reason and no secret in its message.
 */
class ImageUriTopologyTest {
    private static final String SECRET = "X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=c0ffee";

    @TempDir
    Path dir;

    private static byte[] event(String id, String uri, long time) {
        return ("{\"id\":\"" + id + "\",\"stream\":\"cam\",\"timestamp\":" + time + ",\"imageUri\":\"" + uri + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void imagesByUriAreScoredAndEveryFailureIsADeadLetterWithItsReason() throws Exception {
        List<Path> photos;
        try (var files = Files.list(Path.of("samples/reference"))) {
            photos = files.sorted().limit(60).toList();
        }
        Random random = new Random(12);
        try (TestImageServer server = new TestImageServer();
             ImageFetcher fetcher = new ImageFetcher(new FetchSettings(UriAllowList.of(List.of(server.url("/img/"))),
                     Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(4), 3, 2, 1_000_000, 16, 64L << 20))) {
            for (Path p : photos) {
                server.route("/img/" + p.getFileName(), TestImageServer.image(Files.readAllBytes(p),
                        Duration.ofMillis(random.nextInt(40))));
            }
            server.route("/img/missing.jpg", TestImageServer.status(404));
            server.route("/img/huge.jpg", server.declaring(200_000_000L));
            server.route("/img/slowloris.jpg", TestImageServer.trickle(5_000, Duration.ofMillis(200)));
            server.route("/img/elsewhere.jpg", TestImageServer.redirect(302, "http://169.254.169.254/latest/meta-data/"));
            Map<String, String> expectedReasons = new HashMap<>();
            expectedReasons.put("bad-404", "fetch_status");
            expectedReasons.put("bad-big", "too_large");
            expectedReasons.put("bad-slow", "fetch_timeout");
            expectedReasons.put("bad-redirect", "uri_not_allowed");
            expectedReasons.put("bad-list", "uri_not_allowed");
            expectedReasons.put("bad-scheme", "bad_uri");
            List<String> badUris = List.of(server.url("/img/missing.jpg"), server.url("/img/huge.jpg"),
                    server.url("/img/slowloris.jpg"), server.url("/img/elsewhere.jpg"), server.url("/private/a.jpg"),
                    "s3://bucket/a.jpg");
            List<String> badIds = List.of("bad-404", "bad-big", "bad-slow", "bad-redirect", "bad-list", "bad-scheme");

            try (TopologyFixture f = new TopologyFixture(dir, Map.of(), d -> d, fetcher)) {
                List<byte[]> sent = new ArrayList<>();
                for (int i = 0; i < photos.size(); i++) {
                    long t = T0 + i * 100L;
                    byte[] value = event("img-" + i, server.url("/img/" + photos.get(i).getFileName() + "?" + SECRET), t);
                    f.pipe("cam", t, value);
                    sent.add(value);
                    if (i % 10 == 5) {
                        int b = i / 10;
                        f.pipe("cam", t, event(badIds.get(b), badUris.get(b) + "?" + SECRET, t));
                    }
                }
                // The test driver runs both sub-topologies as one task, whose stream time would include a
                // clock event still queued in the fetch stage; so here the clock comes once the queue is
                // empty. (A real deployment's window task sees only the repartition topic; the broker
                // test sends the clock at once.) Order through the fetch stage: FetchProcessorTest.
                List<TestRecord<byte[], byte[]>> dead = new ArrayList<>();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (f.listener.processed.get() + dead.size() < sent.size() + badIds.size()
                        && System.nanoTime() < deadline) {
                    f.driver.advanceWallClockTime(Duration.ofMillis(20));
                    dead.addAll(f.deadLetters.readRecordsToList());
                    Thread.sleep(10);
                }
                f.advanceStreamTime(T0 + 13_000);
                List<ScoreRecord> scores = f.scoresFor("cam");
                assertEquals(1, scores.size(), "one score for the window");
                assertEquals(photos.size(), scores.get(0).eventsCounted(),
                        "every fetched image counted before the window closed");
                assertEquals(photos.size(), scores.get(0).nCurrent());
                assertEquals(badIds.size(), dead.size());
                for (TestRecord<byte[], byte[]> d : dead) {
                    String value = new String(d.value(), StandardCharsets.UTF_8);
                    String id = value.substring(value.indexOf("\"id\":\"") + 6, value.indexOf("\",\""));
                    String reason = DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.REASON);
                    String message = DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.MESSAGE);
                    assertEquals(expectedReasons.get(id), reason, id + ": " + message);
                    assertFalse(message.contains("AKIAEXAMPLE") || message.contains("c0ffee"), message);
                    assertTrue(value.contains(SECRET), "the dead letter keeps the original event, for replay");
                    assertEquals("image-events", DeadLetterHeaders.text(d.headers(), DeadLetterHeaders.SOURCE_TOPIC));
                }
                assertEquals(photos.size() + 1, f.listener.processed.get(), "the photos and the clock event");
                assertTrue(server.maxInProgress() > 1, "fetches overlapped");
                assertEquals(0, server.requestsFor("/private/a.jpg"));
            }
        }
    }
}
