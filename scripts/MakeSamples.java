/*
 * Generates the committed sample images from photographs shipped in Debian packages.
 *
 *   java scripts/MakeSamples.java <extracted-debs-dir> <samples-dir>
 *
 * <extracted-debs-dir> holds the packages unpacked with `dpkg-deb -x` (scripts/make-samples.sh
 * downloads and unpacks them). Everything is drawn from one seeded java.util.Random, so the same
 * packages and the same JDK give byte-identical output. See samples/LICENSE.md.
 *
 * Single-file program with no dependencies on the project: the one pixel formula it shares with
 * the project (the seed page's brightening, ImageShifts.brightenLikeSeed) is repeated below and a
 * test (SampleImagesTest) checks the committed files agree with the library's version.
 */

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

public class MakeSamples {
    static final long SEED = 20_240_611L;
    static final int PER_FOLDER = 300;
    static final float JPEG_QUALITY = 0.90f;
    /** Crops flatter than this (gray standard deviation, 0..255) are drawn again: black sky, blank walls. */
    static final double MIN_CONTRAST = 2.0;

    static final String OPENCV = "usr/share/doc/opencv-doc/examples/data/";
    static final String SKIMAGE = "usr/lib/python3/dist-packages/skimage/data/";
    static final String SKLEARN = "usr/lib/python3/dist-packages/sklearn/datasets/images/";
    static final String STELLARIUM = "usr/share/stellarium/";

    /** The photographs the crops come from: the one list the evaluation pool reads too. */
    static final Path PHOTO_LIST = Path.of("src/main/resources/dev/imagedrift/tools/evaluation/photo-sources.txt");
    static final List<String> CROP_SOURCES = readList(PHOTO_LIST);

    static List<String> readList(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (run from the repository root)", e);
        }
    }

    /**
     * Photographs with an opaque region of at least 640x480; the three largest appear twice, at
     * two random crops.
     */
    static final List<String> BENCH_SOURCES = List.of(
            OPENCV + "aero1.jpg", OPENCV + "aero3.jpg", OPENCV + "aloeL.jpg", OPENCV + "aloeR.jpg",
            OPENCV + "board.jpg", OPENCV + "building.jpg", OPENCV + "ela_original.jpg", OPENCV + "graf1.png",
            OPENCV + "graf3.png", OPENCV + "leuvenA.jpg", OPENCV + "leuvenB.jpg", OPENCV + "stuff.jpg",
            OPENCV + "pca_test1.jpg", SKIMAGE + "retina.jpg", SKIMAGE + "hubble_deep_field.jpg",
            STELLARIUM + "landscapes/mars/mars.png", STELLARIUM + "nebulae/default/etaCarinae.png",
            OPENCV + "aloeL.jpg", SKIMAGE + "retina.jpg", SKIMAGE + "hubble_deep_field.jpg");

    record Source(String path, BufferedImage rgb, int opaqueTop, int opaqueBottom) {
        int width() { return rgb.getWidth(); }
        int opaqueHeight() { return opaqueBottom - opaqueTop + 1; }
    }

    record Crop(String source, int x, int y, int w, int h, BufferedImage image) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java scripts/MakeSamples.java <extracted-debs-dir> <samples-dir>");
            System.exit(2);
        }
        Path debs = Path.of(args[0]);
        Path out = Path.of(args[1]);
        ImageIO.setUseCache(false);
        Random random = new Random(SEED);
        Map<String, Source> sources = new LinkedHashMap<>();
        for (String path : CROP_SOURCES) {
            sources.put(path, load(debs, path));
        }
        for (String path : BENCH_SOURCES) {
            sources.computeIfAbsent(path, p -> load(debs, p));
        }

        List<Crop> crops = new ArrayList<>();
        while (crops.size() < 2 * PER_FOLDER) {
            Source source = sources.get(CROP_SOURCES.get(random.nextInt(CROP_SOURCES.size())));
            Crop crop = smallCrop(source, random);
            if (crop != null) {
                crops.add(crop);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < crops.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);

        StringBuilder manifest = new StringBuilder("file,package,source,x,y,width,height,out_width,out_height\n");
        for (String folder : List.of("reference", "current", "current-brightened", "bench640")) {
            Files.createDirectories(out.resolve(folder));
        }
        for (int k = 0; k < crops.size(); k++) {
            boolean reference = k < PER_FOLDER;
            int index = reference ? k : k - PER_FOLDER;
            String file = String.format(Locale.ROOT, "%s/%s-%03d.jpg", reference ? "reference" : "current",
                    reference ? "ref" : "cur", index);
            Crop crop = crops.get(order.get(k));
            byte[] jpeg = jpeg(crop.image());
            Files.write(out.resolve(file), jpeg);
            manifest.append(row(file, crop));
            if (!reference) {
                // The seed page's drift, applied to the current image as a user would: decode, shift, encode.
                BufferedImage decoded = toBgr(ImageIO.read(new java.io.ByteArrayInputStream(jpeg)));
                String brightened = file.replace("current/", "current-brightened/");
                Files.write(out.resolve(brightened), jpeg(brightenLikeSeed(decoded)));
                manifest.append(row(brightened, crop));
            }
        }
        for (int i = 0; i < BENCH_SOURCES.size(); i++) {
            Crop crop = benchCrop(sources.get(BENCH_SOURCES.get(i)), random);
            String file = String.format(Locale.ROOT, "bench640/bench-%02d.jpg", i);
            Files.write(out.resolve(file), jpeg(crop.image()));
            manifest.append(row(file, crop));
        }
        Files.writeString(out.resolve("MANIFEST.csv"), manifest);
        System.out.println("wrote " + crops.size() + " crops (+" + PER_FOLDER + " brightened) and "
                + BENCH_SOURCES.size() + " bench images under " + out);
    }

    /** A random crop of random size (64..160 x 48..160) at a random zoom, from the opaque rows. */
    static Crop smallCrop(Source source, Random random) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int w = 64 + random.nextInt(97);
            int h = 48 + random.nextInt(113);
            // Zoom: the crop shows a region 1x .. 1/minScale x its size, log-uniformly, so some
            // crops are close-ups and some are whole scenes shrunk.
            double minScale = Math.max(0.15, Math.max((double) w / source.width(), (double) h / source.opaqueHeight()));
            if (minScale > 1) {
                continue;
            }
            double scale = Math.exp(Math.log(minScale) + random.nextDouble() * -Math.log(minScale));
            int regionW = Math.min(source.width(), (int) Math.round(w / scale));
            int regionH = Math.min(source.opaqueHeight(), (int) Math.round(h / scale));
            int x = random.nextInt(source.width() - regionW + 1);
            int y = source.opaqueTop() + random.nextInt(source.opaqueHeight() - regionH + 1);
            BufferedImage image = resize(source.rgb().getSubimage(x, y, regionW, regionH), w, h);
            if (grayStandardDeviation(image) >= MIN_CONTRAST) {
                return new Crop(source.path(), x, y, regionW, regionH, image);
            }
        }
        return null;
    }

    /** A 4:3 region between 640x480 and the largest that fits, scaled to exactly 640x480. */
    static Crop benchCrop(Source source, Random random) {
        int maxW = Math.min(source.width(), source.opaqueHeight() * 4 / 3);
        if (maxW < 640) {
            throw new IllegalStateException(source.path() + " has no opaque 640x480 region");
        }
        int regionW = 640 + random.nextInt(maxW - 640 + 1);
        int regionH = regionW * 3 / 4;
        int x = random.nextInt(source.width() - regionW + 1);
        int y = source.opaqueTop() + random.nextInt(source.opaqueHeight() - regionH + 1);
        BufferedImage image = resize(source.rgb().getSubimage(x, y, regionW, regionH), 640, 480);
        return new Crop(source.path(), x, y, regionW, regionH, image);
    }

    /**
     * Reads a source and finds its longest run of fully opaque rows (landscape panels have a
     * transparent sky above a ragged horizon). A source too small for the smallest crop is an error.
     */
    static Source load(Path debs, String path) {
        try {
            BufferedImage image = ImageIO.read(debs.resolve(path).toFile());
            if (image == null) {
                throw new IOException("no ImageIO reader for " + path);
            }
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
            if (bestHeight < 120 || image.getWidth() < 160) {
                throw new IOException(path + " has no fully opaque region of 160x120 pixels");
            }
            return new Source(path, toBgr(image), bestTop, bestTop + bestHeight - 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + debs.resolve(path), e);
        }
    }

    static boolean opaqueRow(BufferedImage image, int y) {
        if (!image.getColorModel().hasAlpha()) {
            return true;
        }
        for (int x = 0; x < image.getWidth(); x++) {
            if ((image.getRGB(x, y) >>> 24) != 255) {
                return false;
            }
        }
        return true;
    }

    /** Colour sources only (checked by the source list), so drawing into BGR changes no values. */
    static BufferedImage toBgr(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Halves with bilinear filtering while the target is at most half, then one bicubic step. */
    static BufferedImage resize(BufferedImage region, int w, int h) {
        BufferedImage current = region;
        while (current.getWidth() / 2 >= w && current.getHeight() / 2 >= h) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        return draw(current, w, h, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    static BufferedImage draw(BufferedImage source, int w, int h, Object interpolation) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** v + int(0.31 * (255 - v)) on every channel: the same formula as ImageShifts.brightenLikeSeed. */
    static BufferedImage brightenLikeSeed(BufferedImage bgr) {
        BufferedImage out = toBgr(bgr);
        byte[] px = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            int v = px[i] & 0xFF;
            px[i] = (byte) (v + (int) (0.31 * (255 - v)));
        }
        return out;
    }

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

    static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** One manifest line: output file, Debian package, source path, source region, output size. */
    static String row(String file, Crop crop) {
        return String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%d,%d,%d%n", file, packageOf(crop.source()),
                crop.source(), crop.x(), crop.y(), crop.w(), crop.h(), crop.image().getWidth(),
                crop.image().getHeight());
    }

    static String packageOf(String path) {
        if (path.startsWith(OPENCV)) {
            return "opencv-doc";
        } else if (path.startsWith(SKIMAGE)) {
            return "python3-skimage";
        } else if (path.startsWith(SKLEARN)) {
            return "python3-sklearn";
        } else if (path.startsWith(STELLARIUM)) {
            return "stellarium-data";
        }
        throw new IllegalArgumentException("no package known for " + path);
    }
}
