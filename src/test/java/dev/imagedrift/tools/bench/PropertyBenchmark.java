package dev.imagedrift.tools.bench;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.properties.ReferencePropertyCalculator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Images per second for decoding, decoding plus the seven properties, and the properties alone,
 * over the 640x480 JPEG photos in {@code samples/bench640}. One operation is one image; threads
 * cycle through the images independently. Run with {@code scripts/bench-properties.sh} (one and
 * two threads); {@code propertiesReference} is the plain per-pixel calculator, for scale.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PropertyBenchmark {
    @Param("samples/bench640")
    public String directory;

    private final ImageDecoder decoder = ImageDecoder.withDefaults();
    private final PropertySet properties = PropertySet.defaults();
    private List<byte[]> jpegs;
    private List<DecodedImage> decoded;

    /** Each thread's position in the image list. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        int advance(int size) {
            int i = next;
            next = (i + 1) % size;
            return i;
        }
    }

    @Setup
    public void load() throws IOException, ImageRejected {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of(directory))) {
            files = listing.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no .jpg files in " + Path.of(directory).toAbsolutePath()
                    + " (run from the project directory)");
        }
        jpegs = new ArrayList<>();
        decoded = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            jpegs.add(bytes);
            decoded.add(decoder.decode(bytes, file.toString()));
        }
    }

    @Benchmark
    public DecodedImage decode(Cursor cursor) throws ImageRejected {
        return decoder.decode(jpegs.get(cursor.advance(jpegs.size())), "bench");
    }

    @Benchmark
    public double[] decodeAndProperties(Cursor cursor) throws ImageRejected {
        return properties.compute(decoder.decode(jpegs.get(cursor.advance(jpegs.size())), "bench"));
    }

    @Benchmark
    public double[] propertiesOnly(Cursor cursor) {
        return properties.compute(decoded.get(cursor.advance(decoded.size())));
    }

    @Benchmark
    public double[] propertiesReference(Cursor cursor) {
        return ReferencePropertyCalculator.compute(decoded.get(cursor.advance(decoded.size())));
    }
}
