package dev.imagedrift.tools.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhotoCropperTest {
    @TempDir
    Path dir;

    /** A noisy RGB photograph, optionally with fully transparent rows at the top. */
    static BufferedImage photo(int w, int h, int transparentRows, long seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int alpha = y < transparentRows ? 0 : 255;
                int v = (x + y + random.nextInt(60)) % 256;
                image.setRGB(x, y, (alpha << 24) | (v << 16) | ((255 - v) << 8) | (v / 2));
            }
        }
        return image;
    }

    private Path write(BufferedImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void cropsHaveTheSamplesSizesAndDependOnlyOnTheirSeed() throws IOException {
        PhotoCropper.Photo photo = PhotoCropper.load(write(photo(600, 400, 0, 1), "p.png"), "p");
        for (long seed = 0; seed < 20; seed++) {
            BufferedImage a = PhotoCropper.crop(photo, new SplittableRandom(seed));
            BufferedImage b = PhotoCropper.crop(photo, new SplittableRandom(seed));
            assertTrue(a.getWidth() >= 64 && a.getWidth() <= 160, "width " + a.getWidth());
            assertTrue(a.getHeight() >= 48 && a.getHeight() <= 160, "height " + a.getHeight());
            assertTrue(PhotoCropper.grayStandardDeviation(a) >= PhotoCropper.MIN_CONTRAST);
            assertArrayEquals(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
                    b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
        }
    }

    @Test
    void cropsComeFromTheOpaqueRowsOnly() throws IOException {
        PhotoCropper.Photo photo = PhotoCropper.load(write(photo(400, 500, 200, 2), "sky.png"), "sky");
        assertEquals(200, photo.opaqueTop());
        assertEquals(499, photo.opaqueBottom());
    }

    @Test
    void aFlatPhotographStillGivesACropWithoutLoopingForever() throws IOException {
        BufferedImage flat = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB); // all black
        PhotoCropper.Photo photo = PhotoCropper.load(write(flat, "flat.png"), "flat");
        BufferedImage crop = PhotoCropper.crop(photo, new SplittableRandom(1));
        assertEquals(0.0, PhotoCropper.grayStandardDeviation(crop), 0.0);
    }

    @Test
    void refusesPhotographsTooSmallToCropNamingThem() throws IOException {
        Path small = write(photo(150, 400, 0, 3), "small.png");
        IOException e = assertThrows(IOException.class, () -> PhotoCropper.load(small, "small"));
        assertTrue(e.getMessage().contains(small.toString()), e.getMessage());
        Path notImage = dir.resolve("x.png");
        java.nio.file.Files.writeString(notImage, "not an image");
        assertThrows(IOException.class, () -> PhotoCropper.load(notImage, "x"));
    }
}
