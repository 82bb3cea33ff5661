package dev.imagedrift.reference;

import dev.imagedrift.properties.PropertiesMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A snapshot file keeps its properties mode and decoder; files from before the fields read as exact. */
class SnapshotMeasuredWithTest {
    @TempDir
    Path dir;

    private static ReferenceSnapshot with(MeasuredWith m) {
        ReferenceSnapshot s = Snapshots.defaults(12);
        return new ReferenceSnapshot(s.formatVersion(), s.createdAt(), s.source(), s.propertyNames(), s.imagesRead(),
                s.skipped(), s.sampleLimit(), s.sampleSeed(), s.samples(), m, null);
    }

    @Test
    void modeAndDecoderSurviveARoundTrip() throws Exception {
        Path file = dir.resolve("fast.json");
        SnapshotIO.write(with(new MeasuredWith(PropertiesMode.FAST, "turbojpeg")), file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"propertiesMode\" : \"fast\"") && json.contains("\"decoder\" : \"turbojpeg\""), json);
        MeasuredWith read = SnapshotIO.read(file).measuredWith();
        assertEquals(new MeasuredWith(PropertiesMode.FAST, "turbojpeg"), read);
    }

    @Test
    void aFileWithoutTheFieldsWasMeasuredInExactMode() throws Exception {
        Path file = dir.resolve("old.json");
        SnapshotIO.write(with(MeasuredWith.UNRECORDED_EXACT), file);
        String old = Files.readString(file).replace("\"propertiesMode\" : \"exact\",", "");
        assertTrue(!old.contains("propertiesMode") && !old.contains("\"decoder\""), old);
        Files.writeString(file, old);
        MeasuredWith read = SnapshotIO.read(file).measuredWith();
        assertEquals(PropertiesMode.EXACT, read.mode());
        assertNull(read.decoder());
    }

    @Test
    void anUnknownModeIsAnInvalidSnapshot() throws Exception {
        Path file = dir.resolve("odd.json");
        SnapshotIO.write(with(MeasuredWith.UNRECORDED_EXACT), file);
        Files.writeString(file, Files.readString(file).replace("\"propertiesMode\" : \"exact\"", "\"propertiesMode\" : \"turbo\""));
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> SnapshotIO.read(file));
        assertTrue(e.getMessage().contains("propertiesMode") && e.getMessage().contains("turbo"), e.getMessage());
    }

    @Test
    void modesMustMatchToCompare() {
        MeasuredWith fast = new MeasuredWith(PropertiesMode.FAST, "turbojpeg");
        fast.requireComparable("ref", PropertiesMode.FAST, "cur is measured");
        MeasuredWith.PropertiesModeMismatch e = assertThrows(MeasuredWith.PropertiesModeMismatch.class,
                () -> fast.requireComparable("ref", PropertiesMode.EXACT, "cur is measured"));
        assertTrue(e.getMessage().startsWith("ref was measured in fast mode, but cur is measured in exact mode"),
                e.getMessage());
    }
}
