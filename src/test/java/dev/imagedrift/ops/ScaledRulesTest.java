package dev.imagedrift.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The time-scaled rule copy the alert-path test loads into a real Prometheus. */
class ScaledRulesTest {
    @TempDir
    Path dir;

    @Test
    void parsesAndFormatsPrometheusDurations() {
        assertEquals(Duration.ofMinutes(90), ScaledRules.parse("1h30m"));
        assertEquals(Duration.ofMillis(250), ScaledRules.parse("250ms"));
        assertEquals(Duration.ofDays(7), ScaledRules.parse("1w"));
        assertEquals("15s", ScaledRules.format(Duration.ofSeconds(15)));
        assertEquals("1500ms", ScaledRules.format(Duration.ofMillis(1500)));
        for (String bad : List.of("", "5", "5x", "m5", "5m ", "1h-5m")) {
            assertThrows(IllegalArgumentException.class, () -> ScaledRules.parse(bad), bad);
        }
    }

    @Test
    void dividesEveryAlertsTimingAndKeepsItsExpression() throws Exception {
        Path scaled = ScaledRules.write(RuleFile.PATH, 60, dir.resolve("scaled.rules.yml"));
        RuleFile original = RuleFile.load();
        RuleFile copy = RuleFile.parse(java.nio.file.Files.readString(scaled), scaled.toString());
        assertEquals(original.alerts().size(), copy.alerts().size());
        for (int i = 0; i < original.alerts().size(); i++) {
            RuleFile.Alert a = original.alerts().get(i);
            RuleFile.Alert b = copy.alerts().get(i);
            assertEquals(a.expr(), b.expr(), a.name());
            assertEquals(a.annotations(), b.annotations(), a.name());
            assertEquals(ScaledRules.parse(a.forDuration()).dividedBy(60), ScaledRules.parse(b.forDuration()), a.name());
            assertEquals(ScaledRules.parse(a.keepFiringFor()).dividedBy(60), ScaledRules.parse(b.keepFiringFor()),
                    a.name());
        }
        assertEquals("1s", copy.alerts().stream().filter(a -> a.name().equals("ImageDriftDetected")).findFirst()
                .orElseThrow().forDuration());
        ExternalTool promtool = ExternalTool.require("promtool", PrometheusRulesTest.PROMTOOL_HINT);
        String output = promtool.run(dir, "check", "rules", scaled.toString()).requireSuccess();
        assertTrue(output.contains("SUCCESS"), output);
    }
}
