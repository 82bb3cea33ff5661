package dev.imagedrift.image;

import dev.imagedrift.properties.PropertySet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** One decoder shared by several threads gives the same pixels as decoding one image at a time. */
class ImageDecoderConcurrencyTest {
    @Test
    void sharedDecoderIsThreadSafe() throws Exception {
        ImageDecoder decoder = ImageDecoder.withDefaults();
        List<Path> files = new ArrayList<>(TestImages.sampleFiles("reference").subList(0, 60));
        files.addAll(TestImages.sampleFiles("bench640"));
        List<double[]> sequential = new ArrayList<>();
        for (Path file : files) {
            sequential.add(PropertySet.defaults().compute(decoder.decode(file)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<double[]>> results = new ArrayList<>();
                for (Path file : files) {
                    results.add(pool.submit(() -> PropertySet.defaults().compute(decoder.decode(file))));
                }
                for (int i = 0; i < files.size(); i++) {
                    assertArrayEquals(sequential.get(i), results.get(i).get(), 0.0, files.get(i).toString());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
