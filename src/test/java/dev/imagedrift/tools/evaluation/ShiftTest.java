package dev.imagedrift.tools.evaluation;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.properties.PropertySet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShiftTest {
    private static final PropertySet PROPERTIES = PropertySet.defaults();
    private static final int AREA = 1;
    private static final int BRIGHTNESS = 2;
    private static final int CONTRAST = 3;
    private static final int RED = 4;
    private static final int BLUE = 6;

    /** A 100x80 RGB image of mid-range noise, far from 0 and 255 so no shift clips. */
    private static DecodedImage image() {
        Random random = new Random(4);
        byte[] rgb = new byte[100 * 80 * 3];
        for (int i = 0; i < rgb.length; i++) rgb[i] = (byte) (60 + random.nextInt(120));
        return DecodedImage.rgb(100, 80, rgb);
    }

    @Test
    void noneMeasuresTheImageAsItIs() {
        DecodedImage image = image();
        assertArrayEquals(PROPERTIES.compute(image), Shift.NONE.measure(image, PROPERTIES, "x"));
    }

    @Test
    void brightnessAddsItsLevels() {
        DecodedImage image = image();
        double before = PROPERTIES.compute(image)[BRIGHTNESS];
        assertEquals(before + 16, Shift.BRIGHTNESS_16.measure(image, PROPERTIES, "x")[BRIGHTNESS], 1e-9);
        assertEquals(before + 2, Shift.BRIGHTNESS_2.measure(image, PROPERTIES, "x")[BRIGHTNESS], 1e-9);
    }

    @Test
    void contrastShrinksByItsFraction() {
        DecodedImage image = image();
        double before = PROPERTIES.compute(image)[CONTRAST];
        assertEquals(0.7 * before, Shift.CONTRAST_30.measure(image, PROPERTIES, "x")[CONTRAST], 0.01 * before);
        assertEquals(0.9 * before, Shift.CONTRAST_10.measure(image, PROPERTIES, "x")[CONTRAST], 0.01 * before);
    }

    @Test
    void warmCastRaisesRedAndLowersBlue() {
        DecodedImage image = image();
        double[] before = PROPERTIES.compute(image);
        double[] after = Shift.WARM_CAST.measure(image, PROPERTIES, "x");
        assertTrue(after[RED] > before[RED] + 0.02, Arrays.toString(after));
        assertTrue(after[BLUE] < before[BLUE] - 0.02, Arrays.toString(after));
    }

    @Test
    void resolutionChangeScalesTheArea() {
        assertEquals(80 * 64, Shift.RESOLUTION_80.measure(image(), PROPERTIES, "x")[AREA], 0.0);
    }

    @Test
    void shiftsLeaveTheirInputAlone() {
        DecodedImage image = image();
        byte[] copy = image.data().clone();
        for (Shift s : Shift.values()) s.measure(image, PROPERTIES, "x");
        assertArrayEquals(copy, image.data());
    }
}
