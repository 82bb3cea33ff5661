package dev.imagedrift.tools.evaluation;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorCacheTest {
    @TempDir
    Path dir;

    private static Map<String, PropertyTable> tables() {
        PropertyTable a = EvaluationFixtures.normalTable("pool/none", 5, 1, -1, 0);
        a.rows()[2][4] = Double.NaN; // grayscale: no relative intensity
        Map<String, PropertyTable> tables = new LinkedHashMap<>();
        tables.put("pool/none", a);
        tables.put("domain/x", EvaluationFixtures.normalTable("domain/x", 3, 2, -1, 0));
        return tables;
    }

    @Test
    void storesAndLoadsTablesExactly() throws Exception {
        VectorCache cache = new VectorCache(dir);
        Map<String, PropertyTable> tables = tables();
        String description = "recipe=1;" + "x".repeat(100_000); // longer than writeUTF allows
        cache.store(description, tables);
        assertTrue(cache.has(description));
        Map<String, PropertyTable> loaded = cache.load(description).orElseThrow();
        assertEquals(List.copyOf(tables.keySet()), List.copyOf(loaded.keySet()));
        for (String name : tables.keySet()) {
            assertEquals(tables.get(name).ids(), loaded.get(name).ids());
            assertEquals(tables.get(name).propertyNames(), loaded.get(name).propertyNames());
            for (int i = 0; i < tables.get(name).size(); i++) {
                assertArrayEquals(tables.get(name).rows()[i], loaded.get(name).rows()[i], name + " row " + i);
            }
        }
    }

    @Test
    void anotherDescriptionIsAnotherEntry() throws Exception {
        VectorCache cache = new VectorCache(dir);
        cache.store("seed=1", tables());
        assertFalse(cache.has("seed=2"));
        assertEquals(Optional.empty(), cache.load("seed=2"));
    }

    @Test
    void aDamagedEntryCountsAsMissing() throws Exception {
        VectorCache cache = new VectorCache(dir);
        cache.store("seed=1", tables());
        Path file = cache.fileFor("seed=1");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(Optional.empty(), cache.load("seed=1"));
    }
}
