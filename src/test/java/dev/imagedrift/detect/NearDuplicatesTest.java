package dev.imagedrift.detect;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NearDuplicatesTest {
    private static final List<String> NAMES = List.of("Aspect Ratio", "Area", "Brightness", "RMS Contrast");

    private static Samples samples(double[]... rows) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < rows.length; i++) ids.add("i" + i);
        return new Samples(NAMES, rows, ids);
    }

    /** Rows spread over brightness 0..255 and contrast 0..80, so the robust scales are about 74 and 23. */
    private static double[][] spread(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            int w = 64 + r.nextInt(97);
            int h = 48 + r.nextInt(113);
            rows[i] = new double[] {(double) h / w, w * h, 255 * r.nextDouble(), 80 * r.nextDouble()};
        }
        return rows;
    }

    @Test
    void framesOfOneSizeThatDifferALittleAreOneGroupAndOtherImagesStayAlone() {
        double[][] ref = spread(200, 1);
        double[][] cur = new double[12][];
        for (int f = 0; f < 10; f++) cur[f] = new double[] {0.75, 12_288, 120 + 0.5 * f, 40 - 0.3 * f}; // a burst that drifts
        cur[10] = new double[] {0.75, 12_288, 200, 10};   // same camera, another scene
        cur[11] = new double[] {0.5, 12_288, 120, 40};    // same look, other geometry
        int[] g = NearDuplicates.groups(samples(ref), samples(cur), NearDuplicates.TOLERANCE);
        int burst = g[200];
        for (int f = 1; f < 10; f++) assertEquals(burst, g[200 + f], "frame " + f);
        assertNotEquals(burst, g[210]);
        assertNotEquals(burst, g[211]);
        int groups = 0;
        for (int x : g) groups = Math.max(groups, x + 1);
        assertEquals(212 - 9, groups, "only the burst's frames are joined");
    }

    @Test
    void groupingIsBlindToWhichSideARowIsOn() {
        double[][] a = spread(150, 2);
        double[][] b = spread(150, 3);
        b[7] = a[3].clone();
        b[7][2] += 0.1; // a near-duplicate across the sides
        int[] ab = NearDuplicates.groups(samples(a), samples(b), NearDuplicates.TOLERANCE);
        int[] ba = NearDuplicates.groups(samples(b), samples(a), NearDuplicates.TOLERANCE);
        assertEquals(ab[3], ab[150 + 7]);
        // The same partition whichever side comes first.
        for (int i = 0; i < 150; i++) {
            for (int j = 0; j < 150; j++) {
                assertEquals(ab[i] == ab[150 + j], ba[150 + i] == ba[j], i + " vs " + j);
            }
        }
    }

    @Test
    void aMissingValueIsNearOnlyToAnotherMissingValue() {
        double[][] rows = {{0.75, 100, 10, Double.NaN}, {0.75, 100, 10, Double.NaN}, {0.75, 100, 10, 5},
                {0.75, 100, 200, 60}};
        int[] g = NearDuplicates.groups(samples(rows), samples(spread(50, 4)), NearDuplicates.TOLERANCE);
        assertEquals(g[0], g[1]);
        assertNotEquals(g[0], g[2]);
    }

    @Test
    void unitsSplitGroupsBySideAndBlocksHoldWholeUnits() {
        int[] groups = {0, 0, 1, 0, 2, 2};
        int[] blocks = {0, 0, 0, 0, 1, 1};
        int[] labels = {0, 0, 0, 1, 1, 1};
        Units units = Units.of(groups, blocks, labels, 7);
        assertEquals(2, units.count(0));
        assertEquals(2, units.count(1));
        assertEquals(units.unitOf(0), units.unitOf(1));
        assertNotEquals(units.unitOf(0), units.unitOf(3), "a group spanning both sides is one unit a side");
        assertArrayEquals(new int[] {0, 1, 1}, units.blockLabels());
        assertEquals(units.blockOf(units.unitOf(2)), units.blockOf(units.unitOf(0)));
        int rep = units.representative(units.unitOf(4));
        assertEquals(units.unitOf(4), units.unitOf(rep), "a unit is represented by one of its own rows");
    }

    /** Independent frames of one camera mode: one geometry, the look spread as a normal. */
    private static double[][] oneGeometry(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {0.75, 307_200, 110 + 25 * r.nextGaussian(), 50 + 12 * r.nextGaussian()};
        }
        return rows;
    }

    @Test
    void aDenseBucketOfOneSizeGetsItsOwnNarrowerToleranceAndASmallOneKeepsTheFullOne() {
        double[][] dense = oneGeometry(2000, 7);
        double[][] burst = new double[10][];
        for (int f = 0; f < 10; f++) burst[f] = new double[] {0.5, 5000, 100 + f, 30};
        int[] g = NearDuplicates.groups(samples(dense), samples(burst), NearDuplicates.TOLERANCE);
        int groups = 0;
        for (int x : g) groups = Math.max(groups, x + 1);
        assertTrue(groups >= 2000 * 0.9, "2,000 independent frames of one size must stay mostly apart: " + groups);
        for (int f = 1; f < 10; f++) assertEquals(g[2000], g[2000 + f], "the ten frames of another size are one burst");
    }

    @Test
    void independentFramesOfOneCameraModeAreNotJoinedIntoAFewGiantGroups() {
        DriftResult r = Detectors.create(DetectorSettings.calibratedDefaults())
                .detect(samples(oneGeometry(2000, 9)), samples(oneGeometry(200, 10)));
        assertTrue(r.unitsReference() >= 0.9 * 2000, "reference units " + r.unitsReference());
        assertTrue(r.unitsCurrent() >= 0.9 * 200, "current units " + r.unitsCurrent());
    }
}
