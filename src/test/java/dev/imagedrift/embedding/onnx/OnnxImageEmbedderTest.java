package dev.imagedrift.embedding.onnx;

import dev.imagedrift.embedding.EmbedderSpec;
import dev.imagedrift.embedding.EmbeddingFailedException;
import dev.imagedrift.embedding.Embedders;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real loading code on the committed test model (scripts/make-test-model.py). */
class OnnxImageEmbedderTest {
    static final Path MODEL = Path.of("samples/models/tiny-embedder.onnx");

    @TempDir
    Path dir;

    static EmbedderSpec spec() {
        return new EmbedderSpec(MODEL, null, 32, null, null);
    }

    @Test
    void embedsRealPhotosThroughTheServiceLoader() throws Exception {
        try (ImageEmbedder embedder = Embedders.open(spec(), getClass().getClassLoader())) {
            assertEquals("tiny-embedder", embedder.model());
            assertEquals(64, embedder.dimension());
            DecodedImage a = photo("samples/reference", 0);
            DecodedImage b = photo("samples/reference", 1);
            float[] ea = embedder.embed(a);
            assertEquals(64, ea.length);
            assertArrayEquals(ea, embedder.embed(a), "the same image gives the same embedding");
            assertFalse(java.util.Arrays.equals(ea, embedder.embed(b)), "different photos, different embeddings");
            float[] gray = embedder.embed(DecodedImage.gray(50, 40, new byte[2000]));
            assertEquals(64, gray.length);
        }
    }

    @Test
    void aModelWhoseInputSizeDiffersFromTheSpecIsRefusedWithTheFix() {
        EmbedderSpec wrong = new EmbedderSpec(MODEL, null, 224, null, null);
        EmbeddingFailedException e = assertThrows(EmbeddingFailedException.class,
                () -> Embedders.open(wrong, getClass().getClassLoader()));
        assertTrue(e.getMessage().contains("[batch, 3, 224, 224]") && e.getMessage().contains("input size"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotAModelGivesAClearError() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
        EmbeddingFailedException e = assertThrows(EmbeddingFailedException.class,
                () -> Embedders.open(EmbedderSpec.of(junk), getClass().getClassLoader()));
        assertTrue(e.getMessage().contains("cannot load the ONNX model"), e.getMessage());
    }

    @Test
    void aModelFileNoProviderRunsNamesThePlugin() {
        EmbeddingFailedException e = assertThrows(EmbeddingFailedException.class,
                () -> Embedders.open(EmbedderSpec.of(dir.resolve("model.pt")), getClass().getClassLoader()));
        assertTrue(e.getMessage().contains(Embedders.ONNX_PLUGIN_JAR), e.getMessage());
    }

    static DecodedImage photo(String folder, int index) throws Exception {
        try (var files = Files.list(Path.of(folder))) {
            Path file = files.filter(f -> f.toString().endsWith(".jpg") || f.toString().endsWith(".png")).sorted()
                    .skip(index).findFirst().orElseThrow();
            return ImageDecoder.withDefaults().decode(file);
        }
    }
}
