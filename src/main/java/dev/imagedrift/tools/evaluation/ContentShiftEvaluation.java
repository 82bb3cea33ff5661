package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.CombinedDetector;
import dev.imagedrift.detect.CombinedResult;
import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.DriftStatus;
import dev.imagedrift.detect.Samples;
import dev.imagedrift.embedding.EmbeddingFailedException;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.embedding.Projection;
import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.properties.PropertySet;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * The content-shift scenario: the seven properties barely move, the content does. Fashion-MNIST's
 * test set, two classes of nearly the same brightness and contrast (chosen from the data: the pair
 * whose class means of the properties differ least, in units of their spread). The reference is
 * half of class A; a no-drift window is drawn from the other half of A; a drifted window replaces
 * {@code fraction} of it with class B. Each window runs the product's combined decision (property
 * test and embedding test, each at alpha / 2) against the fixed reference, as the stream does; the
 * projection is fitted once on the reference, as the snapshot does.
 */
final class ContentShiftEvaluation {
    /** The outcome of one scenario: how often each test, and the decision, said DRIFT. */
    record Rates(int trials, int properties, int embedding, int combined) {}

    record Result(int classA, int classB, double brightnessGap, double contrastGap, Rates noDrift, Rates drift,
                  int window, int reference, double fraction, double alpha) {}

    private final List<double[]> properties = new ArrayList<>();
    private final List<double[]> coordinates = new ArrayList<>();
    private final int[] labels;

    private ContentShiftEvaluation(int[] labels) {
        this.labels = labels;
    }

    static Result run(Path images, Path labelFile, ImageEmbedder embedder, int window, int nullTrials, int driftTrials,
                      double fraction, long seed) throws IOException, EmbeddingFailedException {
        List<DecodedImage> all = FashionMnist.read(images, Integer.MAX_VALUE);
        int[] labels = labels(labelFile, all.size());
        ContentShiftEvaluation e = new ContentShiftEvaluation(labels);
        PropertySet set = PropertySet.defaults();
        List<float[]> vectors = new ArrayList<>();
        for (DecodedImage image : all) {
            e.properties.add(set.compute(image));
            vectors.add(embedder.embed(image));
        }
        int[] pair = e.closestPair(set.indexOf("Brightness"), set.indexOf("RMS Contrast"));
        List<Integer> a = e.indices(pair[0]);
        List<Integer> b = e.indices(pair[1]);
        Random random = new Random(seed);
        java.util.Collections.shuffle(a, random);
        List<Integer> reference = a.subList(0, a.size() / 2);
        List<Integer> heldOut = a.subList(a.size() / 2, a.size());
        List<float[]> referenceVectors = reference.stream().map(vectors::get).toList();
        Projection projection = Projection.fit(referenceVectors, Projection.DEFAULT_COMPONENTS);
        for (float[] v : vectors) e.coordinates.add(projection.project(v));

        DetectorSettings settings = DetectorSettings.calibratedDefaults();
        CombinedDetector detector = new CombinedDetector(settings);
        Samples refProps = e.samples(reference, set.names(), e.properties);
        Samples refEmb = e.samples(reference, projection.componentNames(), e.coordinates);
        Rates noDrift = e.trials(detector, refProps, refEmb, heldOut, b, window, 0, nullTrials, random, set, projection);
        Rates drift = e.trials(detector, refProps, refEmb, heldOut, b, window, fraction, driftTrials, random, set,
                projection);
        return new Result(pair[0], pair[1], e.gap(pair, set.indexOf("Brightness")), e.gap(pair,
                set.indexOf("RMS Contrast")), noDrift, drift, window, reference.size(), fraction, settings.alpha());
    }

    private Rates trials(CombinedDetector detector, Samples refProps, Samples refEmb, List<Integer> heldOut,
                         List<Integer> other, int window, double fraction, int trials, Random random, PropertySet set,
                         Projection projection) {
        int p = 0;
        int emb = 0;
        int both = 0;
        for (int t = 0; t < trials; t++) {
            int fromOther = (int) Math.round(fraction * window);
            List<Integer> rows = new ArrayList<>(pick(heldOut, window - fromOther, random));
            rows.addAll(pick(other, fromOther, random));
            CombinedResult r = detector.detect(refProps, samples(rows, set.names(), properties), refEmb,
                    samples(rows, projection.componentNames(), coordinates));
            if (r.properties().status() == DriftStatus.DRIFT) p++;
            if (r.embedding().status() == DriftStatus.DRIFT) emb++;
            if (r.status() == DriftStatus.DRIFT) both++;
        }
        return new Rates(trials, p, emb, both);
    }

    private static List<Integer> pick(List<Integer> from, int n, Random random) {
        List<Integer> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, n);
    }

    private Samples samples(List<Integer> rows, List<String> names, List<double[]> values) {
        double[][] out = new double[rows.size()][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(rows.get(i));
            ids.add("fmnist-" + rows.get(i));
        }
        return new Samples(names, out, ids);
    }

    private List<Integer> indices(int label) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) if (labels[i] == label) out.add(i);
        return out;
    }

    /** The two classes whose mean brightness and contrast differ least, in units of their pooled spread. */
    private int[] closestPair(int brightness, int contrast) {
        int[] best = null;
        double bestGap = Double.MAX_VALUE;
        for (int x = 0; x < 10; x++) {
            for (int y = x + 1; y < 10; y++) {
                double g = Math.hypot(gap(new int[] {x, y}, brightness), gap(new int[] {x, y}, contrast));
                if (g < bestGap) {
                    bestGap = g;
                    best = new int[] {x, y};
                }
            }
        }
        return best;
    }

    /** Difference of the two classes' means of a property over their pooled standard deviation. */
    private double gap(int[] pair, int property) {
        double[] s = stats(pair[0], property);
        double[] t = stats(pair[1], property);
        return Math.abs(s[0] - t[0]) / Math.sqrt((s[1] + t[1]) / 2);
    }

    private double[] stats(int label, int property) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != label) continue;
            double v = properties.get(i)[property];
            sum += v;
            sq += v * v;
            n++;
        }
        double mean = sum / n;
        return new double[] {mean, sq / n - mean * mean};
    }

    /** The labels of an IDX1 file (magic 0x801), exactly {@code count} of them. */
    static int[] labels(Path file, int count) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            if (in.readInt() != 0x801) throw new IOException(file + ": not an IDX label file");
            int n = in.readInt();
            if (n != count) throw new IOException(file + ": " + n + " labels for " + count + " images");
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) labels[i] = in.readUnsignedByte();
            return labels;
        }
    }
}
