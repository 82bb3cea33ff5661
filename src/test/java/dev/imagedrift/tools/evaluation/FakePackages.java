package dev.imagedrift.tools.evaluation;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A stand-in for the unpacked Debian packages: small synthetic photographs at every path the
 * evaluation reads, so the whole pipeline runs in a test without the 1.2 GB of real packages.
 */
public final class FakePackages {
    /** Nebula photographs that qualify for the nebula domain (besides those excluded on purpose). */
    public static final int QUALIFYING_NEBULAE = 3;

    private FakePackages() {}

    public static Path create(Path root) {
        try {
            Random random = new Random(17);
            for (String photo : PhotoSources.POOL) {
                write(root.resolve(photo), noise(220, 170, random, 60, 200), photo.endsWith(".jpg") ? "jpg" : "png");
            }
            Path nebulae = root.resolve(PhotoSources.NEBULAE);
            for (int i = 0; i < QUALIFYING_NEBULAE; i++) {
                write(nebulae.resolve("fake" + i + ".png"), noise(256, 256, random, 0, 60), "png");
            }
            write(nebulae.resolve("too-small.png"), noise(128, 128, random, 0, 60), "png");
            BufferedImage alpha = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
            write(nebulae.resolve("with-alpha.png"), alpha, "png");
            Files.writeString(nebulae.resolve("catalog.dat"), "not an image");
            writeFashionMnist(root.resolve(PhotoSources.FASHION_MNIST), 200, random);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage noise(int w, int h, Random random, int low, int high) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = low + random.nextInt(high - low);
                int g = low + random.nextInt(high - low);
                int b = low + random.nextInt(high - low);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static void write(Path file, BufferedImage image, String format) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, format, file.toFile())) throw new IOException("no writer for " + format);
    }

    private static void writeFashionMnist(Path file, int count, Random random) throws IOException {
        Files.createDirectories(file.getParent());
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(0x803);
            out.writeInt(count);
            out.writeInt(28);
            out.writeInt(28);
            byte[] pixels = new byte[28 * 28];
            for (int i = 0; i < count; i++) {
                random.nextBytes(pixels);
                out.write(pixels);
            }
        }
    }
}
