package dev.imagedrift.detect;

import dev.imagedrift.properties.BuiltinProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds bursts of near-identical images (one scene sent many times, moved a little and
 * re-encoded) among the pooled rows of a comparison, from the property vectors alone, without
 * labels, ids or order: two rows are near-duplicates when their image geometry is the same (equal
 * {@code Area} and {@code Aspect Ratio}: one camera mode) and every other property differs by at
 * most {@link #TOLERANCE} robust standard deviations; groups are the connected components of that
 * relation (single linkage, so a burst that drifts frame by frame stays one group).
 *
 * <p>Label-blind on purpose: the scale of each property is taken from both sides pooled and the
 * relation never looks at which side a row is on, so grouping treats a reference image and a
 * current image alike. Groups may span both sides (a static camera compared with its own earlier
 * traffic); {@link Units} splits them by side.
 *
 * <p>Where independent images are themselves that close - many images of one size and similar
 * look, as from a fleet of cameras at one resolution, or 28x28 grayscale product photos - no
 * tolerance can tell a burst from two scenes, and a fixed one would chain most of the window into
 * a few giant groups. So in a geometry bucket of at least {@value #DENSE_BUCKET} images the
 * tolerance is narrowed to that bucket's own spacing ({@link #bucketTolerance}): at most about
 * {@value #SPACING_QUANTILE} of its images then have a neighbour that close. Smaller buckets keep the
 * full tolerance: a few images of one size are far apart unless they are near-duplicates. Where it
 * narrows, bursts are found less (the rule falls back towards counting rows).
 *
 * <p>Cost: rows are bucketed by exact geometry, sorted within a bucket by the first scaled
 * property and compared only within a window of the tolerance on it: O(n log n) plus the pairs
 * that close on that property.
 */
final class NearDuplicates {
    /**
     * Largest difference, in robust standard deviations (interquartile range / 1.349 over both
     * sides), of any appearance property between two frames of one burst. Measured on real photo
     * crops moved by up to 8 output pixels and re-encoded (docs/EVALUATION.md): 0.25 connects
     * 95-99% of bursts moved by up to 4 pixels, while independent images of the same size closer
     * than that are about 1 in 100 at 10,000 images and about none at 1,000.
     */
    static final double TOLERANCE = 0.25;
    /**
     * The coarser grouping that deals folds is at this multiple of the tolerance, so the rare burst
     * that moved further than the tolerance between frames and was counted as two units still
     * stays in one fold and is never both trained on and tested.
     */
    static final double FOLD_FACTOR = 2;
    /** Properties that must be equal: frames of one burst come from one camera mode. */
    static final Set<String> GEOMETRY = Set.of(BuiltinProperty.AREA.displayName(),
            BuiltinProperty.ASPECT_RATIO.displayName());

    /** A geometry bucket with at least this many images is dense enough to need its own tolerance. */
    static final int DENSE_BUCKET = 50;
    /** Share of a dense bucket's images allowed a neighbour within its tolerance. */
    static final double SPACING_QUANTILE = 0.05;
    /** Images of a dense bucket whose nearest-neighbour distance is measured (every k-th in value order). */
    static final int SPACING_SAMPLE = 400;

    private NearDuplicates() {}

    /**
     * Group number (0..groups-1, numbered in order of each group's first row) of every pooled
     * row: reference rows first, then current rows, as {@link PooledSamples} orders them.
     */
    static int[] groups(Samples reference, Samples current, double tolerance) {
        double[][] rows = pooled(reference, current);
        List<String> names = reference.propertyNames();
        int[] exact = exactColumns(names);
        double[] scale = new double[names.size()];
        int[] scaled = scaledColumns(names, rows, scale);
        UnionFind links = new UnionFind(rows.length);
        if (tolerance <= 0) return links.numberedInRowOrder(); // nothing is near enough: every row alone
        for (int[] bucket : bucketsByGeometry(rows, exact)) {
            link(rows, bucket, scaled, scale, bucketTolerance(rows, bucket, scaled, scale, tolerance), links);
        }
        return links.numberedInRowOrder();
    }

    private static double[][] pooled(Samples reference, Samples current) {
        int nRef = reference.size();
        double[][] rows = new double[nRef + current.size()][];
        for (int i = 0; i < nRef; i++) rows[i] = reference.rows()[i];
        for (int i = 0; i < current.size(); i++) rows[nRef + i] = current.rows()[i];
        return rows;
    }

    private static int[] exactColumns(List<String> names) {
        return java.util.stream.IntStream.range(0, names.size()).filter(j -> GEOMETRY.contains(names.get(j))).toArray();
    }

    /** The columns compared within the tolerance, with their robust scales written into {@code scale}. */
    private static int[] scaledColumns(List<String> names, double[][] rows, double[] scale) {
        List<Integer> scaledList = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (GEOMETRY.contains(names.get(j))) continue;
            scale[j] = robustScale(rows, j);
            scaledList.add(j);
        }
        return scaledList.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Largest scaled difference over the compared columns; infinite when a value is present on one row only. */
    private static double distance(double[] x, double[] y, int[] scaled, double[] scale) {
        double d = 0;
        for (int j : scaled) {
            boolean xMissing = Double.isNaN(x[j]);
            if (xMissing != Double.isNaN(y[j])) return Double.POSITIVE_INFINITY;
            if (xMissing) continue;
            double diff = Math.abs(x[j] - y[j]);
            d = Math.max(d, scale[j] > 0 ? diff / scale[j] : (diff > 0 ? Double.POSITIVE_INFINITY : 0));
        }
        return d;
    }

    /** Interquartile range / 1.349 of the present values (the sd of a normal); 0 when they are all equal. */
    static double robustScale(double[][] rows, int j) {
        double[] v = new double[rows.length];
        int k = 0;
        for (double[] row : rows) if (!Double.isNaN(row[j])) v[k++] = row[j];
        if (k == 0) return 0;
        v = Arrays.copyOf(v, k);
        Arrays.sort(v);
        double iqr = v[(int) (0.75 * (k - 1))] - v[(int) (0.25 * (k - 1))];
        if (iqr > 0) return iqr / 1.349;
        // Over half the values tied: fall back to the full range, so a few differing values still count.
        return (v[k - 1] - v[0]) / 1.349;
    }

    /** Rows grouped by their exact geometry values (NaN equal to NaN), each group ascending. */
    private static List<int[]> bucketsByGeometry(double[][] rows, int[] exact) {
        Map<List<Long>, List<Integer>> buckets = new HashMap<>();
        for (int i = 0; i < rows.length; i++) {
            Long[] key = new Long[exact.length];
            for (int e = 0; e < exact.length; e++) key[e] = Double.doubleToLongBits(rows[i][exact[e]]);
            buckets.computeIfAbsent(Arrays.asList(key), x -> new ArrayList<>()).add(i);
        }
        List<int[]> list = new ArrayList<>(buckets.size());
        for (List<Integer> b : buckets.values()) if (b.size() > 1) list.add(b.stream().mapToInt(Integer::intValue).toArray());
        return list;
    }

    /**
     * {@code tolerance}, or for a bucket of at least {@value #DENSE_BUCKET} images the
     * {@value #SPACING_QUANTILE} quantile of its images' nearest-neighbour distances when that is
     * smaller. Blind to sides and ids: the sample is every k-th row in the bucket's row order.
     */
    static double bucketTolerance(double[][] rows, int[] bucket, int[] scaled, double[] scale, double tolerance) {
        if (bucket.length < DENSE_BUCKET || scaled.length == 0) return tolerance;
        int step = Math.max(1, bucket.length / SPACING_SAMPLE);
        int samples = (bucket.length + step - 1) / step;
        double[] nearest = new double[samples];
        for (int s = 0; s < samples; s++) {
            int row = bucket[s * step];
            double best = Double.POSITIVE_INFINITY;
            for (int other : bucket) {
                if (other != row) best = Math.min(best, distance(rows[row], rows[other], scaled, scale));
            }
            nearest[s] = best;
        }
        Arrays.sort(nearest);
        return Math.min(tolerance, nearest[(int) Math.floor(SPACING_QUANTILE * (samples - 1))]);
    }

    /** Links every pair of the bucket within the tolerance on every scaled property. */
    private static void link(double[][] rows, int[] bucket, int[] scaled, double[] scale, double tolerance,
                             UnionFind links) {
        if (scaled.length == 0) {
            // Geometry is all there is: equal geometry is all a near-duplicate can show.
            for (int i = 1; i < bucket.length; i++) links.union(bucket[0], bucket[i]);
            return;
        }
        int sweep = scaled[0];
        double window = tolerance * scale[sweep];
        // Sort by the sweep property (NaN last, compared only with NaN).
        Integer[] order = new Integer[bucket.length];
        for (int i = 0; i < order.length; i++) order[i] = bucket[i];
        Arrays.sort(order, Comparator.comparingDouble(r -> sortKey(rows[r][sweep])));
        for (int a = 0; a < order.length; a++) {
            double va = rows[order[a]][sweep];
            for (int b = a + 1; b < order.length; b++) {
                double vb = rows[order[b]][sweep];
                if (Double.isNaN(va) != Double.isNaN(vb)) break;
                if (!Double.isNaN(va) && vb - va > window) break;
                if (near(rows[order[a]], rows[order[b]], scaled, scale, tolerance)) links.union(order[a], order[b]);
            }
        }
    }

    private static double sortKey(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    /** Every scaled property within the tolerance; a value present on one row only is not near. */
    static boolean near(double[] x, double[] y, int[] scaled, double[] scale, double tolerance) {
        return distance(x, y, scaled, scale) <= tolerance;
    }

    /** Disjoint sets with path halving and union by size. */
    private static final class UnionFind {
        private final int[] parent;
        private final int[] size;

        UnionFind(int n) {
            parent = new int[n];
            size = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                size[i] = 1;
            }
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) return;
            if (size[ra] < size[rb]) {
                int t = ra;
                ra = rb;
                rb = t;
            }
            parent[rb] = ra;
            size[ra] += size[rb];
        }

        /** Group numbers 0.. in order of each group's first row. */
        int[] numberedInRowOrder() {
            int n = parent.length;
            int[] number = new int[n];
            Arrays.fill(number, -1);
            int[] group = new int[n];
            int next = 0;
            for (int i = 0; i < n; i++) {
                int root = find(i);
                if (number[root] < 0) number[root] = next++;
                group[i] = number[root];
            }
            return group;
        }
    }
}
