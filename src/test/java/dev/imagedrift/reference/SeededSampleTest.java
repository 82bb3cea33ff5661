package dev.imagedrift.reference;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeededSampleTest {
    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("dir/image-" + i + ".jpg");
        }
        return ids;
    }

    private static List<String> sample(List<String> offered, int capacity, long seed) {
        SeededSample s = new SeededSample(capacity, seed);
        for (String id : offered) {
            s.offer(id, new double[] {id.length()});
        }
        return s.rows().stream().map(SnapshotRow::id).toList();
    }

    @Test
    void keepsAtMostCapacityRowsSortedById() {
        List<String> kept = sample(ids(100), 10, 1);
        assertEquals(10, kept.size());
        assertEquals(kept.stream().sorted().toList(), kept);
        assertEquals(5, sample(ids(5), 10, 1).size(), "fewer rows than the bound: all kept");
    }

    @Test
    void arrivalOrderDoesNotMatter() {
        List<String> ids = ids(200);
        List<String> expected = sample(ids, 17, 99);
        Random random = new Random(5);
        for (int round = 0; round < 5; round++) {
            List<String> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, random);
            assertEquals(expected, sample(shuffled, 17, 99));
        }
    }

    @Test
    void everyIdIsEquallyLikelyOverSeeds() {
        // 50 ids, keep 10: each id should be kept with probability 0.2. Over 4000 seeds the count
        // has sd sqrt(4000 * 0.2 * 0.8) = 25.3; allow about 5 sd around 800.
        List<String> ids = ids(50);
        int[] kept = new int[50];
        for (long seed = 0; seed < 4000; seed++) {
            for (String id : sample(ids, 10, seed)) {
                kept[Integer.parseInt(id.replaceAll("\\D", ""))]++;
            }
        }
        for (int i = 0; i < kept.length; i++) {
            assertTrue(Math.abs(kept[i] - 800) < 130, "id " + i + " kept " + kept[i] + " times of 4000");
        }
    }

    @Test
    void keyIsTheDocumentedSha256Prefix() throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(new byte[] {0, 0, 0, 0, 0, 0, 0, 42});
        sha.update("a/b.jpg".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long expected = java.nio.ByteBuffer.wrap(sha.digest()).getLong();
        assertEquals(expected, SeededSample.key(42, "a/b.jpg"));
    }

    @Test
    void refusesZeroCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new SeededSample(0, 1));
    }
}
