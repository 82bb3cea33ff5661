package dev.imagedrift.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {
    @Test
    void ticksAreNiceSteps() {
        assertEquals(0.2, AxisTicks.step(0, 1, 5), 1e-12);
        assertEquals(50, AxisTicks.step(20, 245, 5), 1e-12);
        assertEquals(List.of(50.0, 100.0, 150.0, 200.0), AxisTicks.ticks(20, 245, 50));
        assertEquals("307k", AxisTicks.label(307_000, 1000));
        assertEquals("1.5M", AxisTicks.label(1_500_000, 500_000));
        assertEquals("0.25", AxisTicks.label(0.25, 0.05));
        assertEquals("12", AxisTicks.label(12, 2));
    }

    @Test
    void sharesAreFractionsOfEachSideWithOutliersInTheEdgeBins() {
        double[] shares = DistributionPlotSvg.shares(new double[] {-100, 0.1, 0.6, 0.7, 100}, 0, 1, 2);
        assertArrayEquals(new double[] {0.4, 0.6}, shares, 1e-12);
    }

    @Test
    void plotsConstantAndOneSidedPropertiesWithoutNaN() {
        String constant = DistributionPlotSvg.render("Area", new double[] {307200, 307200}, new double[] {307200});
        assertTrue(constant.startsWith("<svg"));
        assertFalse(constant.contains("NaN") || constant.contains("Infinity"), constant);

        String oneSided = DistributionPlotSvg.render("Red", new double[] {Double.NaN, Double.NaN}, new double[] {0.3, 0.4});
        assertTrue(oneSided.startsWith("<svg"));
        assertFalse(oneSided.contains("NaN"));

        String none = DistributionPlotSvg.render("Red", new double[] {Double.NaN}, new double[0]);
        assertTrue(none.contains("No values on either side"));
    }

    @Test
    void scoreBarClampsAndMarksTheThreshold() {
        String bar = ScoreBarSvg.render(1.0, 0.9, 1.2, 0.2, "#b3261e");
        assertTrue(bar.contains(">score 1.000</text>"));
        assertTrue(bar.contains(">threshold 0.20</text>"));
        assertFalse(bar.contains("NaN"));
        assertTrue(ScoreBarSvg.render(Double.NaN, Double.NaN, Double.NaN, 0.1, "#000").contains("score not computed"));
    }
}
