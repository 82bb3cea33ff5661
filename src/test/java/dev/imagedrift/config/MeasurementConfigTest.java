package dev.imagedrift.config;

import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.JpegDecoding;
import dev.imagedrift.image.JpegScaling;
import dev.imagedrift.image.TurboJpegForTests;
import dev.imagedrift.properties.PropertiesMode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code properties.mode}, {@code images.jpeg-decoder} and {@code images.turbojpeg-jar}, and the decoder they give. */
class MeasurementConfigTest {
    @Test
    void defaultsAreExactModeWithTheAutomaticDecoder() {
        MonitorConfig c = ConfigLoader.load(null, Map.of());
        assertEquals(PropertiesMode.EXACT, c.properties().propertiesMode());
        assertEquals(JpegDecoding.Preference.AUTO, c.images().jpegDecoderPreference());
        assertEquals(JpegDecoding.DEFAULT_TURBOJPEG_JAR_PATH, c.images().turbojpegJar());
        assertSame(JpegScaling.FULL, c.imageDecoder().scaling());
    }

    @Test
    void fastModeFromTheEnvironmentDecodesJpegAtReducedScaleWithTurboJpeg() {
        TurboJpegForTests.required();
        MonitorConfig c = ConfigLoader.load(null, Map.of("IMAGEDRIFT_PROPERTIES_MODE", "fast",
                "IMAGEDRIFT_IMAGES_JPEG_DECODER", "turbojpeg"));
        ImageDecoder decoder = c.imageDecoder();
        assertSame(JpegScaling.FAST, decoder.scaling());
        assertEquals(JpegDecoding.TURBOJPEG, decoder.jpegDecoding().name());
    }

    @Test
    void badValuesAndImpossibleCombinationsNameTheKey() {
        ConfigException mode = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("IMAGEDRIFT_PROPERTIES_MODE", "quick")));
        assertTrue(mode.getMessage().contains("properties.mode"), mode.getMessage());
        ConfigException decoder = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of("IMAGEDRIFT_IMAGES_JPEG_DECODER", "libjpeg")));
        assertTrue(decoder.getMessage().contains("images.jpeg-decoder"), decoder.getMessage());
        MonitorConfig fastOnImageIo = ConfigLoader.load(null, Map.of("IMAGEDRIFT_PROPERTIES_MODE", "fast",
                "IMAGEDRIFT_IMAGES_JPEG_DECODER", "imageio"));
        ConfigException e = assertThrows(ConfigException.class, fastOnImageIo::imageDecoder);
        assertTrue(e.getMessage().contains("properties.mode fast needs the TurboJPEG decoder"), e.getMessage());
    }
}
