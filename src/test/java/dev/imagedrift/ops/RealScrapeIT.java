package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real product's scrape: the monitor runs (in-process broker, bundled photos, 5 s windows)
 * until windows of every status were evaluated, so every metric family has samples; then the
 * exposition of its HTTP endpoint passes {@code promtool check metrics}, holds every metric the
 * dashboard and the rules read, and holds nothing docs/METRICS.md does not promise. Last, a stream
 * that goes quiet leaves the scrape after {@code metrics.stale-after}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealScrapeIT {
    private static final String OK = "cam-ok";
    private static final String DRIFT = "cam-drift";
    private static final String SPARSE = "cam-sparse";
    /** Longer than window.advance + grace (6 s) with room for a slow window under load. */
    private static final Duration STALE_AFTER = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** Series Prometheus makes itself. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up", "ALERTS");
    /** Labels the scrape configuration adds (a ServiceMonitor's target labels; cluster: a multi-cluster setup's external label). */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance", "namespace", "pod", "service",
            "endpoint", "container", "cluster");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
    private static final Pattern LITERAL_EQUALS = Pattern.compile("=\"([^\"$]*)\"");

    private RunningMonitor product;
    private String scrape;
    private Exposition exposition;

    @BeforeAll
    void runUntilEveryStatusWasEvaluated(@TempDir Path dir) throws Exception {
        product = RunningMonitor.start(dir, 3, "stale-after: " + STALE_AFTER.toSeconds() + "s", "");
        product.traffic().set(OK, LiveImageTraffic.Mode.NORMAL);
        product.traffic().set(DRIFT, LiveImageTraffic.Mode.DRIFTED);
        product.traffic().set(SPARSE, LiveImageTraffic.Mode.SPARSE);
        Map<String, Double> wanted = Map.of(OK, 0.0, DRIFT, 1.0, SPARSE, 2.0); // OK, DRIFT, INSUFFICIENT_DATA
        Set<String> seen = new HashSet<>();
        boolean deadLettersSent = false;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String text = product.scrape();
            Exposition e = Exposition.parse(text);
            wanted.forEach((stream, status) -> {
                if (e.value("imagedrift_drift_status", Map.of("stream", stream)).orElse(-1.0).equals(status)) {
                    seen.add(stream);
                }
            });
            if (!deadLettersSent && !seen.isEmpty()) {
                // Stream time has moved on: an hour-old event is late. And one event that is no JSON.
                product.traffic().sendAt(OK, Instant.now().minus(Duration.ofHours(1)));
                product.traffic().sendGarbage(OK);
                deadLettersSent = true;
            }
            boolean deadLettersCounted = e.value("imagedrift_late_records_total", Map.of("stream", OK)).orElse(0.0) >= 1
                    && e.value("imagedrift_images_failed_total", Map.of("reason", "bad_json")).orElse(0.0) >= 1;
            if (seen.size() == wanted.size() && deadLettersCounted) {
                scrape = text;
                exposition = e;
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("within " + TIMEOUT + " saw the wanted status only for " + seen + " (late and bad_json counted: "
                        + deadLettersCounted + "); last scrape:\n" + text);
            }
            Thread.sleep(500);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (product != null) {
            product.close();
        }
    }

    @Test
    @Order(1)
    void everyDocumentedMetricHasSamples() {
        MetricsCatalog catalog = MetricsCatalog.load();
        List<String> missing = new ArrayList<>();
        for (String name : catalog.names()) {
            boolean histogram = catalog.lookup(name + "_bucket").isPresent();
            String series = histogram ? name + "_bucket" : name;
            if (exposition.series(series).isEmpty()) {
                missing.add(series);
            }
        }
        assertEquals(List.of(), missing, "documented metrics without samples in the real scrape");
        assertTrue(exposition.names().stream().anyMatch(n -> n.startsWith("jvm_")), "JVM metrics");
        assertTrue(exposition.names().stream().anyMatch(n -> n.startsWith("process_")), "process metrics");
    }

    @Test
    @Order(2)
    void promtoolFindsNothingToLint() {
        ExternalTool promtool = ExternalTool.require("promtool", PrometheusRulesTest.PROMTOOL_HINT);
        ExternalTool.Result result = promtool.runWithInput(ProjectFiles.root(), scrape, "check", "metrics");
        assertEquals(0, result.exitCode(), "promtool check metrics:\n" + result.output());
        assertEquals("", result.output().trim(), "promtool's findings");
    }

    @Test
    @Order(3)
    void everyMetricOfTheDashboardAndTheRulesIsInTheScrape() {
        RuleFile rules = RuleFile.load();
        Set<String> recorded = rules.recordingRules().stream().map(RuleFile.RecordingRule::name)
                .collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (RuleFile.RecordingRule rule : rules.recordingRules()) {
            problems.addAll(missingFromScrape("recording rule " + rule.name(), rule.expr(), recorded));
        }
        for (RuleFile.Alert alert : rules.alerts()) {
            problems.addAll(missingFromScrape("alert " + alert.name(), alert.expr(), recorded));
        }
        DashboardFile dashboard = DashboardFile.load();
        for (DashboardFile.Query query : dashboard.queries()) {
            problems.addAll(missingFromScrape(query.where(), query.expr(), recorded));
        }
        for (JsonNode variable : dashboard.variables()) {
            Matcher m = LABEL_VALUES.matcher(variable.path("query").asText());
            if (m.matches()) {
                String where = "variable " + variable.path("name").asText();
                problems.addAll(missingFromScrape(where, m.group(1), recorded));
                for (PromqlSelectors.Selector s : PromqlSelectors.of(m.group(1))) {
                    if (!TARGET_LABELS.contains(m.group(2))
                            && exposition.series(s.metric()).stream().noneMatch(x -> x.labels().containsKey(m.group(2)))) {
                        problems.add(where + ": no " + s.metric() + " series has a label " + m.group(2));
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    @Order(4)
    void everyImagedriftSeriesIsDocumentedWithItsLabels() {
        MetricsCatalog catalog = MetricsCatalog.load();
        Set<String> problems = new java.util.TreeSet<>();
        for (Exposition.Sample s : exposition.samples()) {
            if (!s.name().startsWith("imagedrift_")) {
                continue;
            }
            Optional<MetricsCatalog.Metric> metric = catalog.lookup(s.name());
            if (metric.isEmpty()) {
                problems.add(s.name() + " is not in docs/METRICS.md");
                continue;
            }
            for (String label : s.labels().keySet()) {
                boolean bucketBound = label.equals("le") && s.name().endsWith("_bucket");
                if (!bucketBound && !metric.get().labels().contains(label)) {
                    problems.add(s.name() + " has a label " + label + " docs/METRICS.md does not list");
                }
            }
        }
        assertEquals(Set.of(), problems);
    }

    @Test
    @Order(5)
    void healthyAndReadyWhileRunning() throws Exception {
        HttpResponse<String> health = product.get("/healthz");
        assertEquals(200, health.statusCode(), health.body());
        HttpResponse<String> ready = product.get("/readyz");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().startsWith("ready: kafka streams RUNNING"), ready.body());
        assertEquals(Optional.of(1.0), Exposition.parse(product.scrape()).value("imagedrift_ready", Map.of()));
    }

    @Test
    @Order(6)
    void aQuietStreamLeavesTheScrapeAfterTheStaleTime() throws Exception {
        product.traffic().set(SPARSE, LiveImageTraffic.Mode.STOPPED);
        long stopped = System.nanoTime();
        assertTrue(Exposition.parse(product.scrape()).streams().contains(SPARSE), "still shown right after");
        long deadline = stopped + TIMEOUT.toNanos();
        Exposition e;
        do {
            Thread.sleep(500);
            e = Exposition.parse(product.scrape());
        } while (e.streams().contains(SPARSE) && System.nanoTime() < deadline);
        Duration gone = Duration.ofNanos(System.nanoTime() - stopped);
        assertTrue(!e.streams().contains(SPARSE), SPARSE + " still in the scrape " + gone + " after it stopped");
        // Its last evaluation was at most one window + grace (6 s) before the stop, often after it
        // (when another stream moves its partition's stream time on): not removed any earlier.
        assertTrue(gone.compareTo(STALE_AFTER.minusSeconds(6)) >= 0, "gone after only " + gone);
        assertEquals(Set.of(OK, DRIFT), e.streams(), "the streams still sending keep their series");
        assertTrue(e.series("imagedrift_alert_firing").stream().noneMatch(s -> SPARSE.equals(s.labels().get("stream"))));
    }

    /** The selectors of {@code expr} that the real scrape cannot answer. */
    private List<String> missingFromScrape(String where, String expr, Set<String> recorded) {
        List<String> problems = new ArrayList<>();
        for (PromqlSelectors.Selector selector : PromqlSelectors.of(expr)) {
            String name = selector.metric();
            if (PROMETHEUS_SERIES.contains(name) || recorded.contains(name)) {
                continue;
            }
            List<Exposition.Sample> series = exposition.series(name);
            if (series.isEmpty()) {
                problems.add(where + ": " + name + " is not in the real scrape");
                continue;
            }
            selector.matchers().forEach((label, matcher) -> {
                if (TARGET_LABELS.contains(label)) {
                    return;
                }
                Matcher literal = LITERAL_EQUALS.matcher(matcher);
                boolean answered = literal.matches()
                        ? series.stream().anyMatch(s -> literal.group(1).equals(s.labels().get(label)))
                        : series.stream().anyMatch(s -> s.labels().containsKey(label));
                if (!answered) {
                    problems.add(where + ": no " + name + " series matches " + label + matcher);
                }
            });
        }
        return problems;
    }
}
