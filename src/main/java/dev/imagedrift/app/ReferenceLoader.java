package dev.imagedrift.app;

import dev.imagedrift.config.ConfigException;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.properties.PropertiesMode;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ReferenceSnapshot;
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
        PropertiesMode mode = config.properties().propertiesMode();
        ReferenceSet.Reference global = loadOne(Path.of(config.reference().snapshot()), "reference.snapshot",
                properties, mode);
        Map<String, ReferenceSet.Reference> perStream = new HashMap<>();
        for (Map.Entry<String, String> e : config.reference().perStream().entrySet()) {
            perStream.put(e.getKey(), loadOne(Path.of(e.getValue()), "reference.per-stream." + e.getKey(),
                    properties, mode));
        }
        return new ReferenceSet(global, perStream);
    }

    /** One snapshot, which must be measured in the monitor's properties mode ({@code properties.mode}). */
    private static ReferenceSet.Reference loadOne(Path file, String key, PropertySet properties, PropertiesMode mode) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(key + " names " + file + ", which is not a readable file");
        }
        try {
            ReferenceSnapshot snapshot = SnapshotIO.read(file, properties);
            snapshot.measuredWith().requireComparable("the snapshot " + file, mode,
                    "this monitor (properties.mode) measures images");
            return ReferenceSet.Reference.of(snapshot);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(key + ": cannot load the snapshot " + file + ": " + e.getMessage(), e);
        }
    }
}
