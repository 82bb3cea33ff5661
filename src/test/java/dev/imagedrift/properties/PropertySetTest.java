package dev.imagedrift.properties;

import dev.imagedrift.image.DecodedImage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ordered property list, lookup by name or key, and custom properties found by ServiceLoader. */
class PropertySetTest {
    @Test
    void defaultsAreTheSevenBuiltInsInTheReferenceChecksOrder() {
        assertEquals(List.of("Aspect Ratio", "Area", "Brightness", "RMS Contrast", "Mean Red Relative Intensity",
                "Mean Green Relative Intensity", "Mean Blue Relative Intensity"), PropertySet.defaults().names());
        assertEquals(3, PropertySet.defaults().indexOf("RMS Contrast"));
        assertEquals(3, PropertySet.defaults().indexOf("rms_contrast"));
        assertEquals(-1, PropertySet.defaults().indexOf("Saturation"));
    }

    @Test
    void serviceLoaderFindsTheCustomPropertyAndComputesItAfterTheBuiltIns() throws Exception {
        // The provider is registered in src/test/plugin (a jar's META-INF/services, as a user would
        // ship it), kept off the shared test classpath so other tests see the product's seven.
        java.net.URL plugin = java.nio.file.Path.of("src/test/plugin").toUri().toURL();
        PropertySet discovered;
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {plugin},
                getClass().getClassLoader())) {
            discovered = PropertySet.discover(loader);
        }
        assertEquals(7, PropertySet.discover().size(), "not on the default classpath");
        assertEquals(8, discovered.size());
        assertEquals("Saturation", discovered.names().get(7));
        assertEquals(7, discovered.indexOf("saturation"));
        // pure red: saturation 1; white: 0; black: 0 -> mean 1/3
        DecodedImage image = DecodedImage.rgb(3, 1, new byte[] {-1, 0, 0, -1, -1, -1, 0, 0, 0});
        double[] values = discovered.compute(image);
        assertEquals(8, values.length);
        assertEquals(1.0 / 3, values[7], 1e-15);
        assertEquals((0.2125 * 255 + 255) / 3, values[2], 1e-12, "built-ins still first: brightness");
        assertEquals((1 + 1.0 / 3) / 3, values[4], 1e-12, "built-ins still first: red share");
        assertTrue(Double.isNaN(discovered.compute(DecodedImage.gray(1, 1, new byte[] {9}))[7]), "no value for gray");
    }

    @Test
    void customNamesMustNotCollideWithBuiltIns() {
        ImageProperty clash = new ImageProperty() {
            @Override
            public String name() {
                return "Brightness";
            }

            @Override
            public double compute(DecodedImage image) {
                return 0;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> PropertySet.withExtras(List.of(clash)));
    }
}
