package dev.imagedrift.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The alert and recording rules: promtool accepts them, their unit tests pass, each alert is complete. */
class PrometheusRulesTest {
    static final String PROMTOOL_HINT = "Install Debian's prometheus package (apt-get install prometheus), "
            + "which brings promtool; .ci/run does this.";
    private static final Pattern TESTED_ALERT = Pattern.compile("alertname:\\s*(\\S+)");

    private final RuleFile rules = RuleFile.load();

    @Test
    void promtoolAcceptsTheRuleFile() {
        ExternalTool promtool = ExternalTool.require("promtool", PROMTOOL_HINT);
        String output = promtool.run(ProjectFiles.root(), "check", "rules", RuleFile.PATH).requireSuccess();
        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void promtoolUnitTestsPass() throws IOException {
        ExternalTool promtool = ExternalTool.require("promtool", PROMTOOL_HINT);
        List<String> arguments = new ArrayList<>(List.of("test", "rules"));
        arguments.addAll(ruleTests().stream().map(Path::toString).toList());
        String output = promtool.run(ProjectFiles.resolve("k8s/prometheus"), arguments.toArray(String[]::new))
                .requireSuccess();
        assertFalse(output.contains("FAILED"), output);
    }

    @Test
    void everyAlertHasUnitTests() throws IOException {
        Set<String> tested = new java.util.HashSet<>();
        for (Path test : ruleTests()) {
            Matcher m = TESTED_ALERT.matcher(Files.readString(ProjectFiles.resolve("k8s/prometheus").resolve(test)));
            while (m.find()) {
                tested.add(m.group(1));
            }
        }
        Set<String> alerts = rules.alerts().stream().map(RuleFile.Alert::name).collect(Collectors.toSet());
        assertEquals(6, alerts.size(), "alerts: " + alerts);
        assertTrue(tested.containsAll(alerts), "alerts without a promtool test: "
                + alerts.stream().filter(a -> !tested.contains(a)).toList());
    }

    @Test
    void everyAlertIsCompleteAgainstFlapping() {
        for (RuleFile.Alert alert : rules.alerts()) {
            String name = alert.name();
            assertTrue(name.matches("ImageDrift[A-Z][A-Za-z]*"), name + ": CamelCase with the ImageDrift prefix");
            assertNotNull(alert.forDuration(), name + ": for");
            assertNotNull(alert.keepFiringFor(), name + ": keep_firing_for");
            assertTrue(Set.of("critical", "warning").contains(alert.labels().get("severity")),
                    name + ": severity critical (pages) or warning (tickets), was " + alert.labels().get("severity"));
            for (String annotation : List.of("summary", "description", "runbook_url")) {
                assertFalse(alert.annotations().getOrDefault(annotation, "").isBlank(), name + ": " + annotation);
            }
            String description = alert.annotations().get("description");
            // An absence has no value to quote (absent() yields 1).
            boolean hasValue = !alert.expr().contains("absent");
            assertTrue(!hasValue || description.contains("$value") || description.contains("query"),
                    name + ": the description quotes a value");
        }
    }

    @Test
    void perStreamAlertsNameTheStream() {
        for (RuleFile.Alert alert : rules.alerts()) {
            boolean perStream = Set.of("ImageDriftDetected", "ImageDriftWindowsStalled").contains(alert.name());
            if (perStream) {
                assertTrue(alert.annotations().get("summary").contains("$labels.stream"), alert.name());
                assertTrue(alert.annotations().get("description").contains("$labels.stream"), alert.name());
            }
        }
    }

    @Test
    void driftAlertFollowsTheProductsOwnAlertStateOncePerStreamAndDeployment() {
        RuleFile.Alert drift = rules.alerts().stream().filter(a -> a.name().equals("ImageDriftDetected")).findFirst()
                .orElseThrow();
        Matcher m = Pattern.compile("max by \\(([^)]*)\\) \\(imagedrift_alert_firing\\{[^}]*}\\) == 1")
                .matcher(drift.expr().trim());
        assertTrue(m.matches(), "no threshold but the product's own state, aggregated over pods: " + drift.expr());
        Set<String> grouping = Set.of(m.group(1).split(",\\s*"));
        assertTrue(grouping.containsAll(Set.of("stream", "namespace", "job")), "one alert per stream and deployment: " + grouping);
        assertFalse(grouping.contains("pod") || grouping.contains("instance"),
                "a rebalance must not show the drift twice (once per pod): " + grouping);
    }

    /** Every alert carries the labels Alertmanager groups and inhibits on. */
    @Test
    void everyAlertKeepsTheDeploymentLabels() {
        for (RuleFile.Alert alert : rules.alerts()) {
            Matcher by = Pattern.compile("(?:max|sum) by \\(([^)]*)\\)").matcher(alert.expr());
            if (by.find()) {
                assertTrue(Set.of(by.group(1).split(",\\s*")).containsAll(Set.of("cluster", "namespace", "job")),
                        alert.name() + " aggregates away a deployment label: " + by.group(1));
            }
        }
    }

    @Test
    void everyRunbookLinkPointsToARunbookSection() {
        Set<String> anchors = RunbookAnchors.of(ProjectFiles.read("docs/RUNBOOK.md"));
        for (RuleFile.Alert alert : rules.alerts()) {
            String url = alert.annotations().get("runbook_url");
            assertTrue(url.contains("RUNBOOK.md#"), alert.name() + ": " + url);
            String anchor = url.substring(url.indexOf('#') + 1);
            assertTrue(anchors.contains(anchor), alert.name() + ": no section #" + anchor + " in docs/RUNBOOK.md");
        }
    }

    private static List<Path> ruleTests() throws IOException {
        Path dir = ProjectFiles.resolve("k8s/prometheus");
        try (Stream<Path> files = Files.list(dir.resolve("tests"))) {
            List<Path> tests = files.filter(f -> f.toString().endsWith(".yml")).sorted()
                    .map(dir::relativize).toList();
            assertFalse(tests.isEmpty(), "no promtool tests in k8s/prometheus/tests");
            return tests;
        }
    }
}
