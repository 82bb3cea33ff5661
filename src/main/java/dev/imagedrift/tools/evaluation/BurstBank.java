package dev.imagedrift.tools.evaluation;

import dev.imagedrift.image.BufferedImagePixels;
import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageCodec;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.image.ImageShifts;
import dev.imagedrift.properties.PropertySet;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Correlated traffic for the evaluation: scenes, each seen as a burst of near-identical frames,
 * as a camera sends them at a few frames a second.
 *
 * <p>Scene s is drawn exactly as a pool crop is ({@link PhotoCropper#cropWithRegion}: a photograph
 * chosen uniformly, then size, zoom, position, the contrast check), so under no drift the scenes
 * come from the reference's own distribution. Its {@value #FRAMES} frames are that crop moved by
 * up to {@code jitter(s)} output pixels in each direction (uniform, independently per frame), each
 * rendered, encoded as a JPEG and decoded by the product's decoder on its own: the same scene,
 * moved a little, re-encoded. The jitter cycles through {@link #JITTERS} by scene number, so each
 * jitter size has a third of the scenes. Frames are measured as decoded and under each
 * {@link Variant}.
 *
 * <p>Rows are scene-major: frame f of scene s is row {@code s * FRAMES + f}. The frames of a scene
 * are independent draws, so its first b frames are a burst of b.
 */
final class BurstBank {
    /** Frames measured per scene: the longest burst a scenario can ask for. */
    static final int FRAMES = 30;
    /** Largest camera movement between frames, in output pixels, by scene number modulo 3. */
    static final int[] JITTERS = {2, 4, 8};
    /** Bumped whenever the way frames are made changes. */
    private static final int RECIPE = 1;

    /** What is done to every frame of the current window after decoding. */
    enum Variant {
        NONE("none", "as sent"),
        SEED_BRIGHTENING("seed-brightening", "brightened as on the seed page (img + int(0.31 * (255 - img)))"),
        BRIGHTNESS_16("brightness+16", "Brightness +16 levels");

        private final String key;
        private final String label;

        Variant(String key, String label) {
            this.key = key;
            this.label = label;
        }

        String key() { return key; }

        String label() { return label; }

        double[] measure(DecodedImage image, PropertySet properties, String name) {
            return switch (this) {
                case NONE -> properties.compute(image);
                case SEED_BRIGHTENING -> measureShifted(ImageShifts.brightenLikeSeed(ImageCodec.toRgb(image)), properties, name);
                case BRIGHTNESS_16 -> Shift.BRIGHTNESS_16.measure(image, properties, name);
            };
        }

        private static double[] measureShifted(BufferedImage shifted, PropertySet properties, String name) {
            try {
                return properties.compute(BufferedImagePixels.view(shifted, name));
            } catch (ImageRejected e) {
                throw new IllegalStateException(name + ": a brightened frame was unreadable: " + e.getMessage(), e);
            }
        }
    }

    private final Map<Variant, PropertyTable> frames;
    private final int scenes;

    private BurstBank(Map<Variant, PropertyTable> frames, int scenes) {
        this.frames = frames;
        this.scenes = scenes;
    }

    int scenes() { return scenes; }

    static int jitter(int scene) { return JITTERS[scene % JITTERS.length]; }

    /** Row of frame {@code frame} of scene {@code scene}. */
    static int row(int scene, int frame) { return scene * FRAMES + frame; }

    PropertyTable table(Variant variant) { return frames.get(variant); }

    /** For tests: a bank from tables already made. */
    static BurstBank of(Map<Variant, PropertyTable> frames) {
        int rows = frames.get(Variant.NONE).size();
        if (rows % FRAMES != 0) throw new IllegalArgumentException(rows + " rows is not a whole number of scenes");
        for (PropertyTable t : frames.values()) {
            if (!t.ids().equals(frames.get(Variant.NONE).ids())) throw new IllegalArgumentException("variants differ in rows");
        }
        return new BurstBank(Map.copyOf(frames), rows / FRAMES);
    }

    /** The bank, from the cache when an entry for exactly these inputs exists, else built and cached. */
    static BurstBank load(Path root, int scenes, long seed, Path cacheDir, int threads, Progress.Factory progress)
            throws IOException {
        PropertySet properties = PropertySet.defaults();
        String description = String.format(Locale.ROOT, "bursts;recipe=%d;seed=%d;scenes=%d;frames=%d;jitters=%s;jpeg=%s;"
                        + "properties=%s;variants=%s;photos=%s", RECIPE, seed, scenes, FRAMES,
                java.util.Arrays.toString(JITTERS), CropGenerator.JPEG_QUALITY, properties.names(),
                java.util.Arrays.toString(Variant.values()), PhotoSources.POOL);
        VectorCache cache = new VectorCache(cacheDir);
        Optional<Map<String, PropertyTable>> cached = cache.load(description);
        Map<String, PropertyTable> tables;
        if (cached.isPresent()) {
            tables = cached.get();
        } else {
            tables = build(root, scenes, seed, properties, threads, progress);
            cache.store(description, tables);
        }
        Map<Variant, PropertyTable> byVariant = new LinkedHashMap<>();
        for (Variant v : Variant.values()) byVariant.put(v, tables.get(tableName(v)));
        return new BurstBank(byVariant, scenes);
    }

    private static Map<String, PropertyTable> build(Path root, int scenes, long seed, PropertySet properties,
                                                    int threads, Progress.Factory progress) {
        List<String> photos = PhotoSources.POOL;
        List<List<Integer>> byPhoto = new ArrayList<>();
        for (int p = 0; p < photos.size(); p++) byPhoto.add(new ArrayList<>());
        for (int s = 0; s < scenes; s++) byPhoto.get(random(seed, s).nextInt(photos.size())).add(s);
        Variant[] variants = Variant.values();
        double[][][] rows = new double[variants.length][scenes * FRAMES][];
        ImageDecoder decoder = ImageDecoder.withDefaults();
        try (Progress bar = progress.start("burst scenes x " + FRAMES + " frames", scenes, "scenes")) {
            ParallelWork.forEach(threads, photos.size(), p -> {
                if (byPhoto.get(p).isEmpty()) return;
                PhotoCropper.Photo photo;
                try {
                    photo = PhotoCropper.load(root.resolve(photos.get(p)), photos.get(p));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot use photograph " + root.resolve(photos.get(p)), e);
                }
                for (int s : byPhoto.get(p)) {
                    SplittableRandom random = random(seed, s);
                    random.nextInt(photos.size()); // the photograph choice, already made
                    PhotoCropper.Region scene = PhotoCropper.cropWithRegion(photo, random).region();
                    int j = jitter(s);
                    for (int f = 0; f < FRAMES; f++) {
                        PhotoCropper.Region moved = scene.moved(photo, random.nextInt(2 * j + 1) - j,
                                random.nextInt(2 * j + 1) - j);
                        byte[] jpeg = ImageCodec.encodeJpeg(PhotoCropper.render(photo, moved), CropGenerator.JPEG_QUALITY);
                        String id = frameId(s, f);
                        DecodedImage image;
                        try {
                            image = decoder.decode(jpeg, id);
                        } catch (ImageRejected e) {
                            throw new IllegalStateException(id + ": the decoder refused its own JPEG: " + e.getMessage(), e);
                        }
                        for (Variant v : variants) rows[v.ordinal()][row(s, f)] = v.measure(image, properties, id);
                    }
                    bar.step();
                }
            }, "burst generation");
        }
        List<String> ids = new ArrayList<>(scenes * FRAMES);
        for (int s = 0; s < scenes; s++) for (int f = 0; f < FRAMES; f++) ids.add(frameId(s, f));
        Map<String, PropertyTable> tables = new LinkedHashMap<>();
        for (Variant v : variants) {
            tables.put(tableName(v), new PropertyTable(tableName(v), properties.names(), ids, rows[v.ordinal()]));
        }
        return tables;
    }

    static String frameId(int scene, int frame) {
        return String.format(Locale.ROOT, "scene-%05d-frame-%02d", scene, frame);
    }

    private static String tableName(Variant v) { return "bursts/" + v.key(); }

    private static SplittableRandom random(long seed, int scene) {
        return new SplittableRandom(TrialSeeds.derive(seed, 0xB0257L, scene));
    }
}
