package dev.imagedrift.report;

import dev.imagedrift.detect.Exemplar;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextReportTest {
    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "missing \"" + part + "\" in:\n" + text);
        }
    }

    @Test
    void showsTheKeyNumbersOfADrift() {
        String text = TextReport.render(ReportFixtures.report(ReportFixtures.drift(
                List.of(new Exemplar("prod/img007.jpg", 0.991)), List.of(new Exemplar("train/img001.jpg", 0.012)))));
        assertContains(text,
                "Image dataset drift: DRIFT",
                "Condition failed: p-value 2.1e-41 < alpha 0.01 and drift score 0.712 >= effect-size floor 0.100",
                "Drift score  0.712",
                "AUC          0.856   95% CI 0.820 to 0.890",
                "p-value      2.1e-41",
                "reference 400, current 150",
                "effect-size floor 0.100",
                "/data/train  (snapshot 3fa2b9c01d4e)",
                "images read 403, 3 skipped (1 empty, 2 undecodable); 400 in the sample",
                "Brightness                      0.4120  ##############################",
                "0.991  prod/img007.jpg",
                "0.012  train/img001.jpg",
                "mode CALIBRATED, folds 5, trees 10, max depth 2, learning rate 0.1, min leaf size 20",
                "alpha 0.01, min score 0.1, min samples 30");
        assertTrue(text.indexOf("Brightness  ") < text.indexOf("RMS Contrast  "), "importance largest first");
    }

    @Test
    void alignsTheUnivariateTable() {
        String text = TextReport.render(ReportFixtures.report(ReportFixtures.referenceCheckOk()));
        List<String> rows = text.lines()
                .dropWhile(l -> !l.contains("n ref"))
                .takeWhile(l -> !l.isBlank())
                .toList();
        assertEquals(8, rows.size(), text);
        int width = rows.get(0).length();
        for (String row : rows) {
            assertEquals(width, row.length(), "every row as wide as the header: \"" + row + "\"");
        }
        assertContains(rows.get(3), "Brightness", "400", "150", "0.610", "1.0e-07", "0.366");
    }

    @Test
    void referenceCheckModeStatesItsRuleAndHasNoPValue() {
        String text = TextReport.render(ReportFixtures.report(ReportFixtures.referenceCheckOk()));
        assertContains(text, "Image dataset drift: NO DRIFT",
                "Condition passed: drift score 0.043 < threshold 0.100",
                "Passes when the drift score is below the threshold 0.100",
                "share of the accuracy drop");
        assertFalse(text.contains("p-value      "), text);
        assertFalse(text.contains("95% CI"), text);
    }

    @Test
    void insufficientDataSaysNothingWasCompared() {
        String text = TextReport.render(ReportFixtures.report(ReportFixtures.insufficient()));
        assertContains(text, "Image dataset drift: NOT ENOUGH DATA",
                "Condition passed: not compared, 400 reference and 12 current samples (at least 30 needed on each side)",
                "Drift score  n/a", "AUC          n/a", "(not computed)", "Current images least like the reference: none");
    }

    @Test
    void wrapsLongLinesAtOneHundredColumns() {
        String text = TextReport.render(ReportFixtures.report(ReportFixtures.drift(List.of(), List.of())));
        for (String line : text.lines().toList()) {
            assertTrue(line.length() <= 100, "line of " + line.length() + ": " + line);
        }
    }
}
