package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped Alertmanager route in a real Alertmanager (waits scaled by 60, webhooks to a local
 * receiver): while ImageDriftMonitorAbsent fires for one deployment, that deployment's drift alert
 * is inhibited and only the page about the monitor goes out; another deployment's alerts still
 * reach the ticket queue, one notification per stream with all its alerts.
 */
class AlertmanagerRoutingIT {
    private static final int TIME_SCALE = 60;
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void absentMonitorInhibitsItsOwnDriftAlertsOnlyAndAStreamIsOneNotification() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             AlertmanagerServer alertmanager = AlertmanagerServer.start(dir.resolve("alertmanager"),
                     AlertmanagerFiles.writeForTest(receiver.url(), TIME_SCALE, dir.resolve("alertmanager.yml")))) {
            Instant now = Instant.now();
            alertmanager.post("[" + String.join(",",
                    alert("ImageDriftMonitorAbsent", "critical", "prod", null, now),
                    alert("ImageDriftDetected", "warning", "prod", "cam-1", now),
                    alert("ImageDriftDetected", "warning", "staging", "cam-1", now),
                    alert("ImageDriftWindowsStalled", "warning", "staging", "cam-1", now),
                    alert("ImageDriftDetected", "warning", "staging", "cam-2", now)) + "]");

            WebhookReceiver.Notification page = receiver.await(n -> n.path().equals("/imagedrift-page"), DELIVERY_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("no page; alertmanager log:\n" + alertmanager.logTail()));
            assertEquals(List.of("ImageDriftMonitorAbsent"), names(page));
            assertEquals("prod", page.body().path("groupLabels").path("namespace").asText());

            WebhookReceiver.Notification cam1 = receiver.await(n -> n.path().equals("/imagedrift-ticket")
                    && "cam-1".equals(n.body().path("groupLabels").path("stream").asText()), DELIVERY_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("no ticket for staging cam-1: " + receiver.received()));
            assertEquals(Set.of("ImageDriftDetected", "ImageDriftWindowsStalled"), Set.copyOf(names(cam1)),
                    "a stream's alerts arrive together");
            assertEquals("staging", cam1.body().path("groupLabels").path("namespace").asText());
            assertTrue(receiver.await(n -> "cam-2".equals(n.body().path("groupLabels").path("stream").asText()),
                    DELIVERY_TIMEOUT).isPresent(), "another stream is another notification");

            JsonNode inhibited = null;
            for (JsonNode a : alertmanager.alerts()) {
                if ("prod".equals(a.path("labels").path("namespace").asText())
                        && "ImageDriftDetected".equals(a.path("labels").path("alertname").asText())) {
                    inhibited = a;
                }
            }
            assertTrue(inhibited != null && inhibited.path("status").path("inhibitedBy").size() == 1,
                    "prod's drift alert is inhibited by the absence: " + inhibited);
            // Past another group interval (5 s scaled): still nothing about prod's drift.
            Thread.sleep(Duration.ofMinutes(5).dividedBy(TIME_SCALE).plusSeconds(1).toMillis());
            assertFalse(receiver.received().stream().flatMap(n -> n.alerts().stream()).anyMatch(a ->
                    "prod".equals(a.path("labels").path("namespace").asText())
                            && "ImageDriftDetected".equals(a.path("labels").path("alertname").asText())),
                    "inhibited alert delivered: " + receiver.received());
        }
    }

    private static List<String> names(WebhookReceiver.Notification n) {
        return n.alerts().stream().map(a -> a.path("labels").path("alertname").asText()).collect(Collectors.toList());
    }

    /** An alert as Prometheus would send it for the default job in {@code namespace}. */
    private static String alert(String name, String severity, String namespace, String stream, Instant startsAt) {
        return """
                {"labels": {"alertname": "%s", "severity": "%s", "namespace": "%s", "job": "image-drift-monitor"%s},
                 "annotations": {"summary": "test"}, "startsAt": "%s", "endsAt": "%s"}"""
                .formatted(name, severity, namespace, stream == null ? "" : ", \"stream\": \"" + stream + "\"",
                        startsAt, startsAt.plus(Duration.ofMinutes(10)));
    }
}
