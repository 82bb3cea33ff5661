package dev.imagedrift.tools.evaluation;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which photographs of the Debian packages (unpacked by scripts/fetch-eval-images.sh) the pool
 * and the nebula domain are cropped from. Paths are relative to the unpacked root.
 */
final class PhotoSources {
    static final String OPENCV = "usr/share/doc/opencv-doc/examples/data/";
    static final String SKIMAGE = "usr/lib/python3/dist-packages/skimage/data/";
    static final String SKLEARN = "usr/lib/python3/dist-packages/sklearn/datasets/images/";
    static final String STELLARIUM = "usr/share/stellarium/";
    static final String NEBULAE = STELLARIUM + "nebulae/default/";
    static final String FASHION_MNIST = "usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";

    /**
     * The 44 colour photographs the bundled samples are cropped from, read from the one list that
     * scripts/MakeSamples.java reads too ({@code photo-sources.txt} beside this class), so the pool and
     * the bundled samples come from one distribution.
     */
    static final List<String> POOL = readList("photo-sources.txt");

    /** Smallest side of a nebula photograph taken into the nebula domain. */
    static final int MIN_NEBULA_SIDE = 256;

    private PhotoSources() {}

    private static List<String> readList(String resource) {
        try (InputStream in = PhotoSources.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * The nebula domain: every PNG in stellarium-data's {@code nebulae/default/} with both sides at
     * least {@value #MIN_NEBULA_SIDE} pixels and no alpha channel, except those already in the
     * pool, sorted by name.
     */
    static List<String> nebulae(Path root) throws IOException {
        Path dir = root.resolve(NEBULAE);
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "the stellarium-data nebula photographs");
        Set<String> inPool = Set.copyOf(POOL);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String relative = NEBULAE + file.getFileName();
                if (!relative.endsWith(".png") || inPool.contains(relative)) continue;
                if (opaqueAndLarge(file)) found.add(relative);
            }
        }
        return found;
    }

    /** Reads only the header: size and whether the pixel type has alpha. */
    private static boolean opaqueAndLarge(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) return false;
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if (reader.getWidth(0) < MIN_NEBULA_SIDE || reader.getHeight(0) < MIN_NEBULA_SIDE) return false;
                Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                return types.hasNext() && !types.next().getColorModel().hasAlpha();
            } finally {
                reader.dispose();
            }
        }
    }
}
