package dev.imagedrift.tools.evaluation;

import dev.imagedrift.image.ImageShifts;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Small random crops of a large photograph, drawn the way the bundled sample photos were
 * (scripts/MakeSamples.java): an output size of 64..160 x 48..160 pixels, a zoom between 1x and
 * 6.7x chosen log-uniformly (so some crops are close-ups and some whole scenes shrunk), a random
 * position inside the photograph's opaque rows, progressive bilinear halving and a last bicubic
 * step. Crops with a gray standard deviation under 2 (black sky, blank wall) are drawn again.
 */
final class PhotoCropper {
    static final int MIN_WIDTH = 64;
    static final int MAX_WIDTH = 160;
    static final int MIN_HEIGHT = 48;
    static final int MAX_HEIGHT = 160;
    static final double MIN_CONTRAST = 2.0;
    /** After this many flat draws the most contrasted one is kept (a photograph that is nearly all flat). */
    static final int MAX_ATTEMPTS = 200;
    /** Largest zoom: the region cropped is at most 1 / 0.15 = 6.7 times the output size. */
    private static final double MIN_SCALE = 0.15;
    /** A photograph needs at least this many opaque rows (crops taller than its opaque part are drawn again). */
    static final int MIN_OPAQUE_ROWS = 120;

    private PhotoCropper() {}

    /** A photograph as 8-bit BGR, with the rows that are fully opaque (landscape panels have a transparent sky). */
    record Photo(String id, BufferedImage bgr, int opaqueTop, int opaqueBottom) {
        int width() { return bgr.getWidth(); }

        int opaqueHeight() { return opaqueBottom - opaqueTop + 1; }
    }

    /** Reads a photograph; its longest run of fully opaque rows must hold the largest crop. */
    static Photo load(Path file, String id) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) throw new IOException(file + ": not an image ImageIO can read");
        int bestTop = -1;
        int bestHeight = 0;
        int runStart = -1;
        for (int y = 0; y <= image.getHeight(); y++) {
            boolean opaque = y < image.getHeight() && opaqueRow(image, y);
            if (opaque && runStart < 0) {
                runStart = y;
            } else if (!opaque && runStart >= 0) {
                if (y - runStart > bestHeight) {
                    bestTop = runStart;
                    bestHeight = y - runStart;
                }
                runStart = -1;
            }
        }
        if (bestHeight < MIN_OPAQUE_ROWS || image.getWidth() < MAX_WIDTH) {
            throw new IOException(file + ": no fully opaque region of " + MAX_WIDTH + "x" + MIN_OPAQUE_ROWS + " pixels");
        }
        return new Photo(id, toBgr(image), bestTop, bestTop + bestHeight - 1);
    }

    /**
     * Where a crop comes from: the region {@code x, y, regionW x regionH} of the photograph,
     * resized to {@code w x h}.
     */
    record Region(int x, int y, int regionW, int regionH, int w, int h) {
        /**
         * The same crop moved by {@code dx, dy} output pixels (a camera that moved a little), kept
         * inside the photograph's opaque rows.
         */
        Region moved(Photo photo, int dx, int dy) {
            int sx = (int) Math.round((double) dx * regionW / w);
            int sy = (int) Math.round((double) dy * regionH / h);
            int nx = Math.max(0, Math.min(photo.width() - regionW, x + sx));
            int ny = Math.max(photo.opaqueTop(), Math.min(photo.opaqueBottom() - regionH + 1, y + sy));
            return new Region(nx, ny, regionW, regionH, w, h);
        }
    }

    /** A crop and the region it was made from. */
    record Crop(Region region, BufferedImage image) {}

    /**
     * One crop; every random choice comes from {@code random}.
     *
     * @throws IllegalStateException if no crop size fits the photograph in {@value #MAX_ATTEMPTS} draws
     */
    static BufferedImage crop(Photo photo, SplittableRandom random) {
        return cropWithRegion(photo, random).image();
    }

    /** {@link #crop}, with the region it was made from (the same random choices, the same image). */
    static Crop cropWithRegion(Photo photo, SplittableRandom random) {
        Crop best = null;
        double bestContrast = -1;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int w = MIN_WIDTH + random.nextInt(MAX_WIDTH - MIN_WIDTH + 1);
            int h = MIN_HEIGHT + random.nextInt(MAX_HEIGHT - MIN_HEIGHT + 1);
            double minScale = Math.max(MIN_SCALE, Math.max((double) w / photo.width(), (double) h / photo.opaqueHeight()));
            if (minScale > 1) continue; // this size does not fit the photograph's opaque part
            double scale = Math.exp(Math.log(minScale) * (1 - random.nextDouble()));
            int regionW = Math.min(photo.width(), (int) Math.round(w / scale));
            int regionH = Math.min(photo.opaqueHeight(), (int) Math.round(h / scale));
            int x = random.nextInt(photo.width() - regionW + 1);
            int y = photo.opaqueTop() + random.nextInt(photo.opaqueHeight() - regionH + 1);
            Region region = new Region(x, y, regionW, regionH, w, h);
            BufferedImage image = render(photo, region);
            double contrast = grayStandardDeviation(image);
            if (contrast >= MIN_CONTRAST) return new Crop(region, image);
            if (contrast > bestContrast) {
                best = new Crop(region, image);
                bestContrast = contrast;
            }
        }
        if (best == null) throw new IllegalStateException(photo.id() + ": no crop fits in " + MAX_ATTEMPTS + " draws");
        return best;
    }

    /** The pixels of a region, resized to its output size. */
    static BufferedImage render(Photo photo, Region region) {
        return ImageShifts.resize(photo.bgr().getSubimage(region.x(), region.y(), region.regionW(), region.regionH()),
                region.w(), region.h());
    }

    private static boolean opaqueRow(BufferedImage image, int y) {
        if (!image.getColorModel().hasAlpha()) return true;
        for (int x = 0; x < image.getWidth(); x++) {
            if ((image.getRGB(x, y) >>> 24) != 255) return false;
        }
        return true;
    }

    /** Any ImageIO image as 8-bit BGR (gray is replicated, palettes expanded). */
    static BufferedImage toBgr(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Population standard deviation of the Rec.709 gray of a BGR image. */
    static double grayStandardDeviation(BufferedImage bgr) {
        byte[] px = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        double sum = 0;
        double squares = 0;
        int n = px.length / 3;
        for (int p = 0; p < px.length; p += 3) {
            double gray = 0.0721 * (px[p] & 0xFF) + 0.7154 * (px[p + 1] & 0xFF) + 0.2125 * (px[p + 2] & 0xFF);
            sum += gray;
            squares += gray * gray;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, squares / n - mean * mean));
    }
}
