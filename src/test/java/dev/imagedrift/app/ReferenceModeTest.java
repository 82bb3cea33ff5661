package dev.imagedrift.app;

import dev.imagedrift.config.ConfigException;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.properties.PropertiesMode;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.MeasuredWith;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SnapshotIO;
import dev.imagedrift.reference.SnapshotRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitor loads only references measured in its own properties mode. */
class ReferenceModeTest {
    @TempDir
    Path dir;

    private Path snapshot(PropertiesMode mode) throws Exception {
        List<SnapshotRow> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new SnapshotRow("img-" + i, new double[] {0.75, 307_200, 100 + i, 40, 0.3, 0.35, 0.35}));
        }
        Path file = dir.resolve(mode.code() + ".json.gz");
        SnapshotIO.write(new ReferenceSnapshot(ReferenceSnapshot.FORMAT_VERSION, "2026-12-03T00:00:00Z", "/data",
                PropertySet.defaults().names(), 40, List.of(), 10_000, 42, rows,
                new MeasuredWith(mode, "turbojpeg"), null), file);
        return file;
    }

    @Test
    void aFastReferenceIsRefusedByAnExactMonitorAndAcceptedByAFastOne() throws Exception {
        Path fast = snapshot(PropertiesMode.FAST);
        MonitorConfig exact = ConfigLoader.load(null, Map.of("IMAGEDRIFT_REFERENCE_SNAPSHOT", fast.toString()));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ReferenceLoader.load(exact, PropertySet.defaults()));
        assertTrue(e.getMessage().contains("reference.snapshot") && e.getMessage().contains("measured in fast mode")
                && e.getMessage().contains("exact mode"), e.getMessage());

        MonitorConfig fastConfig = ConfigLoader.load(null, Map.of("IMAGEDRIFT_REFERENCE_SNAPSHOT", fast.toString(),
                "IMAGEDRIFT_PROPERTIES_MODE", "fast"));
        assertEquals(40, ReferenceLoader.load(fastConfig, PropertySet.defaults()).globalSize());
    }

    @Test
    void perStreamReferencesAreCheckedToo() throws Exception {
        Path exact = snapshot(PropertiesMode.EXACT);
        Path fast = snapshot(PropertiesMode.FAST);
        MonitorConfig config = ConfigLoader.load(null, Map.of("IMAGEDRIFT_REFERENCE_SNAPSHOT", exact.toString()));
        MonitorConfig withFastStream = new MonitorConfig(config.kafka(), config.topics(), config.window(),
                new MonitorConfig.Reference(exact.toString(), Map.of("camera-9", fast.toString())), config.detection(),
                config.alerting(), config.images(), config.metrics(), config.properties(), config.embedding(),
                config.reliability());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ReferenceLoader.load(withFastStream, PropertySet.defaults()));
        assertTrue(e.getMessage().contains("reference.per-stream.camera-9"), e.getMessage());
    }
}
