package dev.imagedrift.reference;

import dev.imagedrift.properties.PropertySet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Images per second of {@link SnapshotBuilder} (walk, ImageIO decode, seven properties, sample) on
 * a folder of 640x480 JPEGs, with 1 and 2 worker threads. The score is in images/s.
 *
 * <p>The frames are random crops of real photos when {@code -Dimagedrift.bench.photos=DIR} names a
 * folder of JPEG/PNG photos (for example opencv-doc's examples/data), else smooth synthetic frames.
 * Run: {@code mvn -q test-compile && java -cp target/test-classes:target/classes:$(cat cp.txt)
 * org.openjdk.jmh.Main SnapshotBuilderBenchmark} (cp.txt from {@code dependency:build-classpath}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(java.util.concurrent.TimeUnit.SECONDS)
@OperationsPerInvocation(SnapshotBuilderBenchmark.IMAGES)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class SnapshotBuilderBenchmark {
    static final int IMAGES = 300;

    @Param({"1", "2"})
    int threads;

    private Path folder;
    private SnapshotBuilder builder;

    @Setup(Level.Trial)
    public void makeFolder() throws IOException {
        folder = Files.createTempDirectory("snapshot-bench");
        List<BufferedImage> photos = photos();
        Random random = new Random(1);
        for (int i = 0; i < IMAGES; i++) {
            BufferedImage frame = photos.isEmpty() ? synthetic(random) : crop(photos.get(i % photos.size()), random);
            ImageIO.write(frame, "jpg", folder.resolve(String.format(Locale.ROOT, "frame%04d.jpg", i)).toFile());
        }
        builder = new SnapshotBuilder(PropertySet.defaults(), ImageLoaders.standard(),
                SnapshotOptions.defaults().withThreads(threads));
    }

    @TearDown(Level.Trial)
    public void deleteFolder() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public ReferenceSnapshot build() throws IOException {
        ReferenceSnapshot snapshot = builder.build(folder).snapshot();
        if (snapshot.imagesRead() != IMAGES) {
            throw new IllegalStateException("read " + snapshot.imagesRead() + " of " + IMAGES + " images");
        }
        return snapshot;
    }

    private static List<BufferedImage> photos() throws IOException {
        String dir = System.getProperty("imagedrift.bench.photos");
        List<BufferedImage> photos = new ArrayList<>();
        if (dir == null) {
            return photos;
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".jpg") || name.endsWith(".png")) {
                    BufferedImage image = ImageIO.read(p.toFile());
                    if (image != null && image.getWidth() >= 200 && image.getHeight() >= 150) {
                        photos.add(image);
                    }
                }
            }
        }
        return photos;
    }

    private static BufferedImage crop(BufferedImage photo, Random random) {
        int cw = photo.getWidth() / 2 + random.nextInt(photo.getWidth() / 2);
        int ch = photo.getHeight() / 2 + random.nextInt(photo.getHeight() / 2);
        int x = random.nextInt(photo.getWidth() - cw + 1);
        int y = random.nextInt(photo.getHeight() - ch + 1);
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 0, 0, 640, 480, x, y, x + cw, y + ch, null);
        g.dispose();
        return frame;
    }

    /** Smooth colour gradients with mild noise: compresses and decodes about like a photo. */
    private static BufferedImage synthetic(Random random) {
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        int r0 = random.nextInt(256);
        int g0 = random.nextInt(256);
        int b0 = random.nextInt(256);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                int n = random.nextInt(16);
                int r = (r0 + x / 4 + n) & 0xFF;
                int g = (g0 + y / 3 + n) & 0xFF;
                int b = (b0 + (x + y) / 6 + n) & 0xFF;
                frame.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return frame;
    }
}
