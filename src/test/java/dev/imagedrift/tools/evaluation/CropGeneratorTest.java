package dev.imagedrift.tools.evaluation;

import dev.imagedrift.image.DecodedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class CropGeneratorTest {
    @TempDir
    Path root;

    private static AtomicReferenceArray<DecodedImage> generate(Path root, int threads) {
        CropGenerator crops = new CropGenerator(root, PhotoSources.POOL.subList(0, 6), 5L, 40, "pool");
        AtomicReferenceArray<DecodedImage> images = new AtomicReferenceArray<>(40);
        crops.generate(threads, (i, image) -> {
            if (images.getAndSet(i, image) != null) throw new AssertionError("crop " + i + " delivered twice");
        });
        return images;
    }

    @Test
    void everyCropIsDeliveredOnceAndTheSetDoesNotDependOnThreads() {
        FakePackages.create(root);
        AtomicReferenceArray<DecodedImage> one = generate(root, 1);
        AtomicReferenceArray<DecodedImage> three = generate(root, 3);
        for (int i = 0; i < 40; i++) {
            assertNotNull(one.get(i), "crop " + i);
            assertEquals(one.get(i).width(), three.get(i).width());
            assertEquals(one.get(i).height(), three.get(i).height());
            assertArrayEquals(one.get(i).data(), three.get(i).data(), "crop " + i);
        }
    }

    @Test
    void idsNumberTheCrops() {
        assertEquals("pool-00007", new CropGenerator(root, PhotoSources.POOL, 1, 10, "pool").id(7));
    }
}
