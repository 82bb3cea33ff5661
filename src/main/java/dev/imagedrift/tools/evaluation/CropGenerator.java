package dev.imagedrift.tools.evaluation;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageCodec;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.ImageRejected;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A set of random photo crops, each encoded as a JPEG (quality 0.90, as production images arrive)
 * and decoded by the product's decoder. Crop i is drawn from its own seed: first a photograph,
 * uniformly, then the crop. So the set does not depend on the number of threads, and the crops are
 * independent draws from one distribution (a mixture over the photographs).
 *
 * <p>Work is grouped by photograph, so each worker holds one photograph in memory at a time.
 */
final class CropGenerator {
    static final float JPEG_QUALITY = 0.90f;

    /** Receives each crop once, from a worker thread. */
    interface Sink {
        void accept(int index, DecodedImage image);
    }

    private final Path root;
    private final List<String> photos;
    private final long seed;
    private final int count;
    private final String idPrefix;

    CropGenerator(Path root, List<String> photos, long seed, int count, String idPrefix) {
        if (photos.isEmpty()) throw new IllegalArgumentException("no photographs to crop");
        if (count < 0) throw new IllegalArgumentException("crop count must be >= 0, got " + count);
        this.root = root;
        this.photos = List.copyOf(photos);
        this.seed = seed;
        this.count = count;
        this.idPrefix = idPrefix;
    }

    String id(int index) {
        return String.format(Locale.ROOT, "%s-%05d", idPrefix, index);
    }

    void generate(int threads, Sink sink) {
        List<List<Integer>> byPhoto = new ArrayList<>();
        for (int p = 0; p < photos.size(); p++) byPhoto.add(new ArrayList<>());
        for (int i = 0; i < count; i++) byPhoto.get(random(i).nextInt(photos.size())).add(i);

        ImageDecoder decoder = ImageDecoder.withDefaults();
        ParallelWork.forEach(threads, photos.size(), p -> {
            if (!byPhoto.get(p).isEmpty()) cropPhoto(p, byPhoto.get(p), decoder, sink);
        }, "crop generation");
    }

    private void cropPhoto(int p, List<Integer> indices, ImageDecoder decoder, Sink sink) {
        PhotoCropper.Photo photo;
        try {
            photo = PhotoCropper.load(root.resolve(photos.get(p)), photos.get(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use photograph " + root.resolve(photos.get(p)) + ": " + e.getMessage(), e);
        }
        for (int i : indices) {
            SplittableRandom random = random(i);
            random.nextInt(photos.size()); // the photograph choice, already made
            BufferedImage crop = PhotoCropper.crop(photo, random);
            byte[] jpeg = ImageCodec.encodeJpeg(crop, JPEG_QUALITY);
            try {
                sink.accept(i, decoder.decode(jpeg, id(i)));
            } catch (ImageRejected e) {
                throw new IllegalStateException(id(i) + " from " + photos.get(p) + ": the decoder refused its own JPEG: "
                        + e.getMessage(), e);
            }
        }
    }

    private SplittableRandom random(int index) {
        return new SplittableRandom(TrialSeeds.derive(seed, index));
    }
}
