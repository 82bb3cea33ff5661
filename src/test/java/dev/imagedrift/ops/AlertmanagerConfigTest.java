package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped Alertmanager route: amtool accepts it, routes each of the rules' alerts by its
 * severity and leaves other alerts alone, groups per stream, and the AlertmanagerConfig for the
 * operator says the same. (Inhibition is checked against a running Alertmanager in AlertmanagerIT.)
 */
class AlertmanagerConfigTest {
    private static final Map<String, String> RECEIVER_BY_SEVERITY = Map.of(
            "critical", "imagedrift-page", "warning", "imagedrift-ticket");

    private final ExternalTool amtool = ExternalTool.require("amtool", AlertmanagerFiles.AMTOOL_HINT);

    @Test
    void amtoolAcceptsThePlainConfiguration() {
        String output = amtool.run(ProjectFiles.root(), "check-config", AlertmanagerFiles.PLAIN).requireSuccess();
        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void everyAlertOfTheRulesReachesTheReceiverOfItsSeverity() {
        List<RuleFile.Alert> alerts = RuleFile.load().alerts();
        assertEquals(List.of("ImageDriftDetected", "ImageDriftMonitorAbsent", "ImageDriftWindowsStalled",
                "ImageDriftDeadLetterRateHigh", "ImageDriftTooManyStreams", "ImageDriftConsumerLagGrowing"),
                alerts.stream().map(RuleFile.Alert::name).toList(), "every rule is routed below");
        for (RuleFile.Alert alert : alerts) {
            String severity = alert.labels().get("severity");
            String expected = RECEIVER_BY_SEVERITY.get(severity);
            String resolved = route("alertname=" + alert.name(), "severity=" + severity,
                    "namespace=imagedrift", "job=image-drift-monitor", "stream=cam-1");
            assertEquals(expected, resolved, alert.name() + " (" + severity + ")");
        }
    }

    @Test
    void otherAlertsKeepTheirOwnRoute() {
        assertEquals("default", route("alertname=KubePodCrashLooping", "severity=critical", "namespace=imagedrift"));
    }

    @Test
    void alertsAreGroupedPerStreamOfADeployment() {
        JsonNode productRoute = AlertmanagerFiles.plain().path("route").path("routes").get(0);
        assertEquals(List.of("cluster", "namespace", "job", "stream"), strings(productRoute.path("group_by")));
        JsonNode inhibit = AlertmanagerFiles.plain().path("inhibit_rules").get(0);
        assertEquals(List.of("alertname=\"ImageDriftMonitorAbsent\""), strings(inhibit.path("source_matchers")));
        assertEquals(List.of("cluster", "namespace", "job"), strings(inhibit.path("equal")),
                "inhibits the absent deployment's alerts, not every deployment's");
    }

    @Test
    void theAlertmanagerConfigCarriesTheSameRoute() {
        List<HasMetadata> objects = StrictManifests.read(ProjectFiles.read(AlertmanagerFiles.OPERATOR), AlertmanagerFiles.OPERATOR);
        assertEquals(1, objects.size());
        assertTrue(objects.get(0) instanceof AlertmanagerConfig, "typed: " + objects.get(0).getClass());

        JsonNode plain = AlertmanagerFiles.plain();
        JsonNode plainRoute = plain.path("route").path("routes").get(0);
        JsonNode route = AlertmanagerFiles.operator().path("spec").path("route");
        assertEquals(strings(plainRoute.path("matchers")), matchers(route.path("matchers")));
        assertEquals(plainRoute.path("receiver"), route.path("receiver"));
        assertEquals(plainRoute.path("group_by"), route.path("groupBy"));
        assertEquals(plainRoute.path("group_wait"), route.path("groupWait"));
        assertEquals(plainRoute.path("group_interval"), route.path("groupInterval"));
        assertEquals(plainRoute.path("repeat_interval"), route.path("repeatInterval"));
        assertEquals(plainRoute.path("routes").size(), route.path("routes").size());
        for (int i = 0; i < route.path("routes").size(); i++) {
            JsonNode p = plainRoute.path("routes").get(i);
            JsonNode o = route.path("routes").get(i);
            assertEquals(p.path("receiver"), o.path("receiver"));
            assertEquals(strings(p.path("matchers")), matchers(o.path("matchers")));
            assertEquals(p.path("repeat_interval"), o.path("repeatInterval"));
        }
        JsonNode plainInhibit = plain.path("inhibit_rules").get(0);
        JsonNode inhibit = AlertmanagerFiles.operator().path("spec").path("inhibitRules").get(0);
        assertEquals(strings(plainInhibit.path("source_matchers")), matchers(inhibit.path("sourceMatch")));
        assertEquals(strings(plainInhibit.path("target_matchers")), matchers(inhibit.path("targetMatch")));
        assertEquals(plainInhibit.path("equal"), inhibit.path("equal"));
        // Every receiver the route names is defined, and reads its URL from the Secret.
        List<String> receivers = new ArrayList<>();
        for (JsonNode r : AlertmanagerFiles.operator().path("spec").path("receivers")) {
            receivers.add(r.path("name").asText());
            JsonNode secret = r.path("webhookConfigs").get(0).path("urlSecret");
            assertEquals("image-drift-monitor-alerting", secret.path("name").asText(), r.toString());
        }
        assertTrue(receivers.containsAll(RECEIVER_BY_SEVERITY.values()), "receivers: " + receivers);
    }

    /** The receiver amtool resolves for an alert with these labels (name=value). */
    private String route(String... labels) {
        List<String> arguments = new ArrayList<>(List.of("config", "routes", "test",
                "--config.file=" + AlertmanagerFiles.PLAIN));
        arguments.addAll(List.of(labels));
        String output = amtool.run(ProjectFiles.root(), arguments.toArray(String[]::new)).requireSuccess();
        return output.lines().filter(l -> !l.startsWith("Warning:")).findFirst().orElse("").trim();
    }

    /** The operator's matcher objects in the plain file's notation (name, operator, quoted value). */
    private static List<String> matchers(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(m -> out.add(m.path("name").asText() + m.path("matchType").asText("=") + "\"" + m.path("value").asText() + "\""));
        return out;
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add(v.asText()));
        return out;
    }
}
