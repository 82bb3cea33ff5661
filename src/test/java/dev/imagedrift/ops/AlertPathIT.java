package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The alert path end to end, to a person: the monitor (5 s windows, the default fire-after 2 of 3
 * and resolve-after 2) is scraped every second by a real Prometheus that evaluates the project's
 * own rules, time-scaled by 60 (ImageDriftDetected: for 1 s, keep_firing_for 15 s; expressions
 * unchanged), and sends its alerts to a real Alertmanager running the shipped route (waits scaled
 * by 60, webhooks to a local receiver). One camera's photos are brightened: ImageDriftDetected
 * must fire for it, read its score through the annotation's query, reach the ticket receiver with
 * the stream, score and runbook link, and resolve (in Prometheus, then as a resolved notification)
 * after the photos are normal again; the other camera never alerts, and every rule evaluates
 * without error against the real series.
 */
class AlertPathIT {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AlertPathIT.class);
    private static final String DRIFTING = "cam-1";
    private static final String STEADY = "cam-2";
    private static final int TIME_SCALE = 60;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void driftFiresImageDriftDetectedInPrometheusAndItResolves() throws Exception {
        try (RunningMonitor product = RunningMonitor.start(dir.resolve("monitor"), 2, "", "")) {
            product.traffic().set(DRIFTING, LiveImageTraffic.Mode.NORMAL);
            product.traffic().set(STEADY, LiveImageTraffic.Mode.NORMAL);
            Path rules = ScaledRules.write(RuleFile.PATH, TIME_SCALE, dir.resolve("scaled.rules.yml"));
            try (WebhookReceiver person = new WebhookReceiver();
                 AlertmanagerServer alertmanager = AlertmanagerServer.start(dir.resolve("alertmanager"),
                         AlertmanagerFiles.writeForTest(person.url(), TIME_SCALE, dir.resolve("alertmanager.yml")));
                 PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"),
                         product.metricsPort(), rules, OptionalInt.of(alertmanager.port()))) {
                awaitPrometheus(prometheus, "the target is up", () -> targetUp(prometheus));
                awaitPrometheus(prometheus, "windows of both cameras are scraped", () ->
                        prometheus.query("imagedrift_windows_evaluated_total").size() == 2);
                List<String> steadyAlerts = new ArrayList<>();

                product.traffic().set(DRIFTING, LiveImageTraffic.Mode.DRIFTED);
                long driftStarted = System.nanoTime();
                JsonNode fired = awaitAlert(prometheus, steadyAlerts,
                        alert -> alert.filter(a -> "firing".equals(a.path("state").asText())).isPresent()).orElseThrow();
                long firedAfter = System.nanoTime() - driftStarted;
                assertEquals("firing", fired.path("state").asText());
                JsonNode labels = fired.path("labels");
                assertEquals(PrometheusServer.JOB, labels.path("job").asText());
                assertFalse(labels.has("instance") || labels.has("pod"), "one alert per stream, not per pod: " + labels);
                assertEquals("warning", labels.path("severity").asText());
                String description = fired.path("annotations").path("description").asText();
                assertTrue(description.matches("(?s).*drift score 0\\.\\d{3},.*p-value \\S+\\s+in the last.*")
                        && !description.contains("unknown"), "the annotation's queries found the stream: " + description);
                assertTrue(fired.path("annotations").path("runbook_url").asText().endsWith("#imagedriftdetected"));

                WebhookReceiver.Notification ticket = awaitNotification(person, alertmanager, "firing");
                long notifiedAfter = System.nanoTime() - driftStarted;
                JsonNode delivered = driftAlert(ticket);
                assertEquals("/imagedrift-ticket", ticket.path(), "a warning goes to the ticket receiver");
                assertEquals(DRIFTING, ticket.body().path("groupLabels").path("stream").asText(), "grouped per stream");
                assertEquals(DRIFTING, delivered.path("labels").path("stream").asText());
                assertTrue(delivered.path("annotations").path("description").asText().matches("(?s).*drift score 0\\.\\d{3},.*"),
                        "the score reaches the person: " + delivered);
                assertTrue(delivered.path("annotations").path("runbook_url").asText().endsWith("RUNBOOK.md#imagedriftdetected"),
                        "and the runbook: " + delivered);

                product.traffic().set(DRIFTING, LiveImageTraffic.Mode.NORMAL);
                long driftEnded = System.nanoTime();
                awaitAlert(prometheus, steadyAlerts, Optional::isEmpty);
                long goneAfter = System.nanoTime() - driftEnded;
                awaitNotification(person, alertmanager, "resolved");
                LOG.info("ImageDriftDetected firing in Prometheus {} s after the drift began, notified after {} s; "
                                + "gone {} s after it ended, resolved notification after {} s",
                        firedAfter / 1e9, notifiedAfter / 1e9, goneAfter / 1e9, (System.nanoTime() - driftEnded) / 1e9);
                assertTrue(person.received().stream().flatMap(n -> n.alerts().stream())
                        .noneMatch(a -> STEADY.equals(a.path("labels").path("stream").asText())),
                        STEADY + " reached nobody: " + person.received());

                assertEquals(List.of(), steadyAlerts, STEADY + " sent normal photos throughout");
                List<String> unhealthy = new ArrayList<>();
                for (JsonNode group : prometheus.api("/api/v1/rules").path("groups")) {
                    for (JsonNode rule : group.path("rules")) {
                        if (!"ok".equals(rule.path("health").asText())) {
                            unhealthy.add(rule.path("name").asText() + ": " + rule.path("lastError").asText());
                        }
                    }
                }
                assertEquals(List.of(), unhealthy, "rules evaluated against the real series");
            }
        }
    }

    /**
     * Polls the alerts until {@code done} holds for the drifting camera's ImageDriftDetected (in
     * any state, or none); notes any alert of the steady camera on the way.
     */
    private static Optional<JsonNode> awaitAlert(PrometheusServer prometheus, List<String> steadyAlerts,
                                                 Predicate<Optional<JsonNode>> done) throws Exception {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        JsonNode alerts = null;
        while (System.nanoTime() < deadline) {
            alerts = prometheus.api("/api/v1/alerts").path("alerts");
            Optional<JsonNode> drifting = Optional.empty();
            for (JsonNode alert : alerts) {
                JsonNode labels = alert.path("labels");
                if (!"ImageDriftDetected".equals(labels.path("alertname").asText())) {
                    continue;
                }
                String stream = labels.path("stream").asText();
                if (STEADY.equals(stream)) {
                    steadyAlerts.add(alert.toString());
                } else if (DRIFTING.equals(stream)) {
                    drifting = Optional.of(alert);
                }
            }
            if (done.test(drifting)) {
                return drifting;
            }
            Thread.sleep(500);
        }
        return fail("ImageDriftDetected for " + DRIFTING + " did not reach the expected state within " + STEP_TIMEOUT
                + "; alerts: " + alerts + "\nprometheus log:\n" + prometheus.logTail());
    }

    /** The first notification carrying the drifting camera's ImageDriftDetected in {@code status}. */
    private static WebhookReceiver.Notification awaitNotification(WebhookReceiver person, AlertmanagerServer alertmanager,
                                                                  String status) throws InterruptedException {
        return person.await(n -> n.status().equals(status) && driftAlert(n) != null, STEP_TIMEOUT).orElseGet(() ->
                fail("no " + status + " notification of ImageDriftDetected for " + DRIFTING + " within " + STEP_TIMEOUT
                        + "; received: " + person.received() + "\nalertmanager log:\n" + alertmanager.logTail()));
    }

    private static JsonNode driftAlert(WebhookReceiver.Notification n) {
        return n.alerts().stream()
                .filter(a -> "ImageDriftDetected".equals(a.path("labels").path("alertname").asText())
                        && DRIFTING.equals(a.path("labels").path("stream").asText()))
                .findFirst().orElse(null);
    }

    private static boolean targetUp(PrometheusServer prometheus) throws IOException, InterruptedException {
        for (JsonNode target : prometheus.api("/api/v1/targets").path("activeTargets")) {
            if (PrometheusServer.JOB.equals(target.path("labels").path("job").asText())
                    && "up".equals(target.path("health").asText())) {
                return true;
            }
        }
        return false;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitPrometheus(PrometheusServer prometheus, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + STEP_TIMEOUT + ": " + what + "\nprometheus log:\n" + prometheus.logTail());
            }
            Thread.sleep(500);
        }
    }
}
