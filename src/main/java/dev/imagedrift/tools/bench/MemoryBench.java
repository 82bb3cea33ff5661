package dev.imagedrift.tools.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Memory of one monitor process holding full reservoirs for many streams at once: every stream's
 * current window filled to window.max-samples, then the process's resident set, its heap after a
 * full GC, and the state stores on disk. The monitor runs as a separate JVM ({@code run}), as in
 * production, with the heap limit given here, so the broker's memory is not counted.
 */
public final class MemoryBench {
    /** One measurement. */
    public record Result(int streams, int samplesPerStream, String maxHeap, long rssBytes, long peakRssBytes,
                         long heapUsedAfterGcBytes, long stateOnDiskBytes, double secondsToIngest) {}

    private MemoryBench() {}

    public static Result run(int streams, int samplesPerStream, String maxHeap, PrintWriter log) throws Exception {
        Path dir = Files.createTempDirectory("imagedrift-memory-");
        int port = freePort();
        try (BenchEnvironment env = new BenchEnvironment(dir, 2, 1,
                "{size: " + ThroughputBench.WINDOW.toMillis()
                + "ms, grace: 1m, max-samples: " + samplesPerStream + "}", port)) {
            BacklogClock clock = new BacklogClock(ThroughputBench.WINDOW.toMillis(), System.currentTimeMillis());
            int events = streams * samplesPerStream;
            log.printf("producing %,d events (%d streams x %,d) ...%n", events, streams, samplesPerStream);
            SyntheticProperties synthetic = new SyntheticProperties(5);
            try (KafkaProducer<String, byte[]> p = env.producer()) {
                for (int i = 0; i < events; i++) {
                    String stream = "stream-" + (i % streams);
                    long time = clock.time(i, events);
                    p.send(new ProducerRecord<>(env.config.topics().events(), null, time, stream,
                            synthetic.event("e" + i, stream, time)));
                }
                p.flush();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process monitor = new ProcessBuilder(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
                    "dev.imagedrift.cli.Main", "run", "--config", env.configFile.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("monitor.log").toFile()).start();
            try (Admin admin = env.admin()) {
                long start = System.nanoTime();
                log.println("monitor process " + monitor.pid() + " started; waiting until every event is ingested ...");
                while (!env.caughtUp(admin)) {
                    if (!monitor.isAlive()) {
                        throw new IllegalStateException("the monitor exited; see " + dir.resolve("monitor.log"));
                    }
                    Thread.sleep(500);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(monitor.pid()), "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
                Thread.sleep(2_000);
                long rss = statusField(monitor.pid(), "VmRSS:");
                long peak = statusField(monitor.pid(), "VmHWM:");
                long heap = heapUsed(port);
                long disk = sizeOf(dir.resolve("state"));
                DeadLetterAudit.read(env.broker.bootstrapServers(), env.config.topics().deadLetter())
                        .requireNone("bench memory");
                return new Result(streams, samplesPerStream, maxHeap, rss, peak, heap, disk, seconds);
            } finally {
                monitor.destroy();
                monitor.waitFor(60, TimeUnit.SECONDS);
                monitor.destroyForcibly();
            }
        } finally {
            ThroughputBench.deleteTree(dir);
        }
    }

    private static long statusField(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }

    private static long heapUsed(int port) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Memory against the number of streams (each with a full reservoir). */
    static void plot(java.util.List<Result> results, Path file) throws IOException {
        double[] streams = results.stream().mapToDouble(Result::streams).toArray();
        var chart = BenchCharts.chart(String.format(java.util.Locale.ROOT,
                        "Memory against concurrent streams (%,d samples each, -Xmx%s)", results.get(0).samplesPerStream(),
                        results.get(0).maxHeap()),
                "one monitor process (run) holding every stream's full reservoir; heap and RSS after a full GC",
                new BenchCharts.Axis("streams", true), new BenchCharts.Axis("MiB", true), java.util.List.of(
                        new BenchCharts.Line("resident set (RSS) after GC", streams,
                                results.stream().mapToDouble(r -> r.rssBytes() / 1048576.0).toArray(), false),
                        new BenchCharts.Line("peak RSS", streams,
                                results.stream().mapToDouble(r -> r.peakRssBytes() / 1048576.0).toArray(), false),
                        new BenchCharts.Line("heap in use after GC", streams,
                                results.stream().mapToDouble(r -> r.heapUsedAfterGcBytes() / 1048576.0).toArray(), false),
                        new BenchCharts.Line("state stores on disk", streams,
                                results.stream().mapToDouble(r -> r.stateOnDiskBytes() / 1048576.0).toArray(), false)));
        BenchCharts.write(file, 760, 480, chart);
    }
}
