package dev.imagedrift.app;

import dev.imagedrift.config.ConfigException;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ReferenceSet;
import dev.imagedrift.reference.SnapshotIO;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Loads the references a configuration names (global and per stream), each validated against the property set. */
public final class ReferenceLoader {
    private ReferenceLoader() {}

    /** @throws ConfigException naming the configuration key of a snapshot that is missing or invalid */
    public static ReferenceSet load(MonitorConfig config, PropertySet properties) {
        ReferenceSet.Reference global = loadOne(Path.of(config.reference().snapshot()), "reference.snapshot",
                properties);
        Map<String, ReferenceSet.Reference> perStream = new HashMap<>();
        for (Map.Entry<String, String> e : config.reference().perStream().entrySet()) {
            perStream.put(e.getKey(), loadOne(Path.of(e.getValue()), "reference.per-stream." + e.getKey(),
                    properties));
        }
        return new ReferenceSet(global, perStream);
    }

    private static ReferenceSet.Reference loadOne(Path file, String key, PropertySet properties) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(key + " names " + file + ", which is not a readable file");
        }
        try {
            return ReferenceSet.Reference.of(SnapshotIO.read(file, properties));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(key + ": cannot load the snapshot " + file + ": " + e.getMessage(), e);
        }
    }
}
