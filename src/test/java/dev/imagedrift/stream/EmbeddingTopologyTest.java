package dev.imagedrift.stream;

import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.detect.DriftStatus;
import dev.imagedrift.detect.Samples;
import dev.imagedrift.embedding.EmbedderSpec;
import dev.imagedrift.embedding.Embedders;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.embedding.Projection;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ImageLoaders;
import dev.imagedrift.reference.ReferenceEmbeddings;
import dev.imagedrift.reference.ReferenceSet;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SnapshotBuilder;
import dev.imagedrift.reference.SnapshotEmbeddings;
import dev.imagedrift.reference.SnapshotOptions;
import dev.imagedrift.tools.bench.SyntheticProperties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events with embeddings through the real topology: both tests per window, and every embedding dead letter. */
class EmbeddingTopologyTest {
    static final long T0 = TopologyFixture.T0;
    static final int DIM = 8;

    @TempDir
    Path dir;

    private final Random random = new Random(5);
    private final SyntheticProperties properties = new SyntheticProperties(3);

    /** An embedding whose first two coordinates are shifted by {@code shift} (content, not light). */
    private float[] vector(double shift) {
        float[] v = new float[DIM];
        for (int j = 0; j < DIM; j++) v[j] = (float) (random.nextGaussian() * (DIM - j) + (j < 2 ? shift : 0));
        return v;
    }

    private ReferenceSet reference(int n) {
        List<float[]> vectors = new ArrayList<>();
        double[][] props = new double[n][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vectors.add(vector(0));
            props[i] = properties.next();
            ids.add("ref-" + i);
        }
        Projection projection = Projection.fit(vectors, 4);
        double[][] projected = vectors.stream().map(projection::project).toArray(double[][]::new);
        ReferenceEmbeddings embeddings = new ReferenceEmbeddings("enc-v1", DIM, "test", null, projection, ids,
                projected, 0);
        return new ReferenceSet(new ReferenceSet.Reference(new Samples(PropertySet.defaults().names(), props, ids),
                "ref-v", embeddings), Map.of());
    }

    private final class Driver implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<byte[], byte[]> events;
        final TestOutputTopic<String, ScoreRecord> scores;
        final TestOutputTopic<byte[], byte[]> deadLetters;

        Driver(ReferenceSet references, ImageEmbedder embedder) throws Exception {
            this(references, embedder, "");
        }

        /** @param windowSettings further {@code window:} keys, e.g. {@code "max-samples: 10"} */
        Driver(ReferenceSet references, ImageEmbedder embedder, String windowSettings) throws Exception {
            Path file = Files.writeString(dir.resolve("c.yaml"), """
                    kafka:
                      application-id: embedding-test
                      state-dir: %s
                    window:
                      size: 10s
                      grace: 2s
                      max-clock-skew: 1s
                      %s
                    """.formatted(dir.resolve("state"), windowSettings));
            MonitorConfig config = ConfigLoader.load(file, Map.of());
            java.util.Properties props = StreamsSettings.from(config);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            driver = new TopologyTestDriver(DriftTopology.build(config, PropertySet.defaults(), references,
                    Detectors.create(DetectorSettings.calibratedDefaults()), MonitorListener.NONE, Clock.systemUTC(),
                    embedder, new RecordFailures(config.reliability().maxRecordAttempts())), props);
            events = driver.createInputTopic(config.topics().events(), new ByteArraySerializer(), new ByteArraySerializer());
            scores = driver.createOutputTopic(config.topics().scores(), new StringDeserializer(),
                    new JsonSerde<>(ScoreRecord.class).deserializer());
            deadLetters = driver.createOutputTopic(config.topics().deadLetter(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
        }

        void pipe(String json, long time) {
            events.pipeInput(new TestRecord<>(null, json.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), time));
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    private static String withEmbedding(byte[] propertiesEvent, String embeddingJson) {
        String e = new String(propertiesEvent, StandardCharsets.UTF_8);
        return e.substring(0, e.length() - 1) + ",\"embedding\":" + embeddingJson + "}";
    }

    private static String array(float[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) b.append(i == 0 ? "" : ",").append(v[i]);
        return b.append(']').toString();
    }

    private static String base64(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return Base64.getEncoder().encodeToString(b.array());
    }

    @Test
    void contentDriftUnderUnchangedPropertiesIsCaughtByTheEmbeddingTest() throws Exception {
        try (Driver d = new Driver(reference(300), null)) {
            for (int i = 0; i < 200; i++) {
                long t = T0 + i * 40L;
                // cam-a: all normal; cam-b: the same properties, embeddings moved; cam-c: base64 embeddings only, moved.
                d.pipe(withEmbedding(SyntheticProperties.event("a" + i, "cam-a", t, properties.next()),
                        array(vector(0))), t);
                d.pipe(withEmbedding(SyntheticProperties.event("b" + i, "cam-b", t, properties.next()),
                        "{\"model\":\"enc-v1\",\"values\":" + array(vector(12)) + "}"), t);
                d.pipe("{\"id\":\"c" + i + "\",\"stream\":\"cam-c\",\"timestamp\":" + t
                        + ",\"embedding\":{\"base64\":\"" + base64(vector(12)) + "\"}}", t);
            }
            d.pipe(new String(SyntheticProperties.event("tick", "clock", T0 + 30_000, properties.next()),
                    StandardCharsets.UTF_8), T0 + 30_000);
            Map<String, ScoreRecord> byStream = new java.util.HashMap<>();
            d.scores.readValuesToList().forEach(s -> byStream.put(s.stream(), s));

            ScoreRecord a = byStream.get("cam-a");
            assertEquals(DriftStatus.OK, a.status(), a.reason());
            assertNotNull(a.embedding());
            assertEquals(200, a.embedding().nCurrent());
            assertEquals(0.005, a.embedding().alpha(), 1e-12);

            ScoreRecord b = byStream.get("cam-b");
            assertEquals(DriftStatus.DRIFT, b.status(), b.reason());
            assertEquals(DriftStatus.OK, b.decision().properties(), "the properties did not move");
            assertEquals(DriftStatus.DRIFT, b.decision().embedding());
            assertEquals("enc-v1", b.embedding().model());
            assertTrue(b.embedding().topComponents().get(0).property().startsWith("PC"));
            assertEquals("bonferroni", b.decision().rule());

            ScoreRecord c = byStream.get("cam-c");
            assertEquals(DriftStatus.DRIFT, c.status(), c.reason());
            assertEquals(0, c.nCurrent(), "embedding-only events have no property rows");
            assertEquals(DriftStatus.INSUFFICIENT_DATA, c.decision().properties());
            assertEquals(200, c.embedding().nCurrent());
        }
    }

    @Test
    void embeddingsThatDoNotFitTheReferenceAreDeadLetteredWithTheirReason() throws Exception {
        try (Driver d = new Driver(reference(100), null)) {
            byte[] props = SyntheticProperties.event("x", "cam", T0, properties.next());
            d.pipe(withEmbedding(props, array(new float[DIM + 1])), T0);
            d.pipe(withEmbedding(props, "{\"model\":\"enc-v2\",\"values\":" + array(vector(0)) + "}"), T0);
            d.pipe(withEmbedding(props, "{\"base64\":\"AAAAAAAAwH8=\"}"), T0); // 0.0 and NaN
            d.pipe(withEmbedding(props, "{\"base64\":\"AAAA\"}"), T0); // 3 bytes: not whole float32 values
            d.pipe(withEmbedding(props, "[1, \"x\"]"), T0);
            d.pipe(withEmbedding(props, "[" + "0,".repeat(5000) + "0]"), T0);
            List<String> reasons = d.deadLetters.readRecordsToList().stream()
                    .map(r -> new String(r.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
                    .toList();
            assertEquals(List.of("embedding_dimension", "embedding_model", "bad_embedding", "bad_embedding",
                    "bad_embedding", "bad_embedding"), reasons);
        }
    }

    @Test
    void anEmbeddingOnlyEventForAReferenceWithoutEmbeddingsIsDeadLettered() throws Exception {
        ReferenceSet plain = ReferenceSet.global(new Samples(PropertySet.defaults().names(),
                new double[][] {properties.next()}, List.of("r")), "v");
        try (Driver d = new Driver(plain, null)) {
            d.pipe("{\"id\":\"e\",\"stream\":\"cam\",\"timestamp\":" + T0 + ",\"embedding\":[1,2]}", T0);
            // Beside properties, an embedding the reference cannot use is ignored: the properties still count.
            d.pipe(withEmbedding(SyntheticProperties.event("p", "cam", T0, properties.next()), "[1,2]"), T0);
            var dead = d.deadLetters.readRecordsToList();
            assertEquals(1, dead.size());
            assertEquals("embedding_not_configured", new String(dead.get(0).headers()
                    .lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Sampling before decoding with a model configured: an image that cannot enter its window's
     * sample is neither decoded nor embedded, and the sample has an embedding for every row.
     */
    @Test
    void imagesThatCannotEnterTheSampleAreNeitherDecodedNorEmbedded() throws Exception {
        EmbedderSpec spec = new EmbedderSpec(Path.of("samples/models/tiny-embedder.onnx"), null, 32, null, null);
        try (ImageEmbedder model = Embedders.open(spec, getClass().getClassLoader())) {
            java.util.concurrent.atomic.AtomicInteger embedded = new java.util.concurrent.atomic.AtomicInteger();
            ImageEmbedder counting = new ImageEmbedder() {
                @Override public String model() { return model.model(); }
                @Override public int dimension() { return model.dimension(); }
                @Override public EmbedderSpec spec() { return model.spec(); }
                @Override public void close() { }

                @Override
                public float[] embed(dev.imagedrift.image.DecodedImage image)
                        throws dev.imagedrift.embedding.EmbeddingFailedException {
                    embedded.incrementAndGet();
                    return model.embed(image);
                }
            };
            ReferenceSnapshot snapshot = new SnapshotBuilder(PropertySet.defaults(), ImageLoaders.standard(),
                    SnapshotOptions.defaults()).build(Path.of("samples/reference")).snapshot();
            snapshot = SnapshotEmbeddings.attach(snapshot, SnapshotEmbeddings.fromModel(snapshot, ImageLoaders.standard(),
                    model, 2), model.model(), spec, 8);
            List<Path> files;
            try (Stream<Path> s = Files.list(Path.of("samples/current"))) {
                files = s.sorted().limit(60).toList();
            }
            try (Driver d = new Driver(new ReferenceSet(ReferenceSet.Reference.of(snapshot), Map.of()), counting,
                    "max-samples: 10")) {
                long t = T0;
                for (Path f : files) {
                    d.pipe("{\"id\":\"" + f.getFileName() + "\",\"stream\":\"cam\",\"timestamp\":" + t + ",\"image\":\""
                            + Base64.getEncoder().encodeToString(Files.readAllBytes(f)) + "\"}", t);
                    t += 100;
                }
                d.pipe(new String(SyntheticProperties.event("tick", "clock", T0 + 30_000, properties.next()),
                        StandardCharsets.UTF_8), T0 + 30_000);
                ScoreRecord s = d.scores.readValuesToList().stream().filter(r -> r.stream().equals("cam"))
                        .findFirst().orElseThrow();
                assertEquals(60, s.eventsCounted(), "every event counted, decoded or not");
                assertEquals(10, s.nCurrent());
                assertEquals(10, s.embedding().nCurrent(), "an embedding for every sampled image");
                assertTrue(embedded.get() >= 10 && embedded.get() < 60,
                        "only images that could enter the sample were embedded: " + embedded.get() + " of 60");
            }
        }
    }

    @Test
    void theOnnxModelEmbedsImageEventsInTheStreamAsTheSnapshotDid() throws Exception {
        EmbedderSpec spec = new EmbedderSpec(Path.of("samples/models/tiny-embedder.onnx"), null, 32, null, null);
        try (ImageEmbedder embedder = Embedders.open(spec, getClass().getClassLoader())) {
            ReferenceSnapshot snapshot = new SnapshotBuilder(PropertySet.defaults(), ImageLoaders.standard(),
                    SnapshotOptions.defaults()).build(Path.of("samples/reference")).snapshot();
            snapshot = SnapshotEmbeddings.attach(snapshot, SnapshotEmbeddings.fromModel(snapshot, ImageLoaders.standard(),
                    embedder, 2), embedder.model(), spec, 8);
            try (Driver d = new Driver(new ReferenceSet(ReferenceSet.Reference.of(snapshot), Map.of()), embedder)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(Path.of("samples/current"))) {
                    files = s.sorted().limit(60).toList();
                }
                long t = T0;
                for (Path f : files) {
                    d.pipe("{\"id\":\"" + f.getFileName() + "\",\"stream\":\"cam\",\"timestamp\":" + t + ",\"image\":\""
                            + Base64.getEncoder().encodeToString(Files.readAllBytes(f)) + "\"}", t);
                    t += 100;
                }
                d.pipe(new String(SyntheticProperties.event("tick", "clock", T0 + 30_000, properties.next()),
                        StandardCharsets.UTF_8), T0 + 30_000);
                ScoreRecord s = d.scores.readValuesToList().stream().filter(r -> r.stream().equals("cam"))
                        .findFirst().orElseThrow();
                assertEquals(60, s.nCurrent());
                assertEquals(60, s.embedding().nCurrent(), "every image was embedded in the stream");
                assertEquals("tiny-embedder", s.embedding().model());
            }
        }
    }
}
