package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every metric the dashboard and the rules read is one docs/METRICS.md promises, with labels it
 * has; and the dashboard shows every promised metric.
 */
class MetricNamesTest {
    /** Series Prometheus makes itself. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up", "ALERTS");
    /** Labels every scraped series carries (target labels of a ServiceMonitor; cluster from a multi-cluster setup). */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance", "namespace", "pod", "service",
            "endpoint", "container", "cluster");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");

    private final MetricsCatalog catalog = MetricsCatalog.load();
    private final RuleFile rules = RuleFile.load();
    private final DashboardFile dashboard = DashboardFile.load();

    @Test
    void ruleMetricsAreDocumented() {
        List<String> problems = new ArrayList<>();
        for (RuleFile.RecordingRule rule : rules.recordingRules()) {
            problems.addAll(check("recording rule " + rule.name(), rule.expr()));
        }
        for (RuleFile.Alert alert : rules.alerts()) {
            problems.addAll(check("alert " + alert.name(), alert.expr()));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void dashboardMetricsAreDocumented() {
        List<String> problems = new ArrayList<>();
        for (DashboardFile.Query query : dashboard.queries()) {
            problems.addAll(check(query.where(), query.expr()));
        }
        for (JsonNode variable : dashboard.variables()) {
            Matcher m = LABEL_VALUES.matcher(variable.path("query").asText());
            if (m.matches()) {
                String where = "variable " + variable.path("name").asText();
                problems.addAll(check(where, m.group(1)));
                PromqlSelectors.of(m.group(1)).forEach(s -> catalog.lookup(s.metric())
                        .filter(metric -> !metric.labels().contains(m.group(2)) && !TARGET_LABELS.contains(m.group(2)))
                        .ifPresent(metric -> problems.add(where + ": " + s.metric() + " has no label " + m.group(2))));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void dashboardShowsEveryDocumentedMetric() {
        Set<String> shown = new HashSet<>();
        for (DashboardFile.Query query : dashboard.queries()) {
            PromqlSelectors.of(query.expr()).forEach(s -> catalog.lookup(s.metric()).ifPresent(m -> shown.add(m.name())));
        }
        Set<String> missing = catalog.names().stream().filter(n -> !shown.contains(n)).collect(Collectors.toSet());
        assertEquals(Set.of(), missing, "documented metrics no panel shows");
    }

    @Test
    void catalogUnderstandsHistogramsAndWildcards() {
        assertTrue(catalog.lookup("imagedrift_detection_duration_seconds_bucket").isPresent());
        assertTrue(catalog.lookup("imagedrift_detection_duration_seconds").isEmpty(),
                "a histogram's bare name is no series");
        assertTrue(catalog.lookup("imagedrift_drift_score_bucket").isEmpty(), "a gauge has no buckets");
        assertEquals(Set.of("stream", "side"), catalog.lookup("imagedrift_window_samples").orElseThrow().labels());
        assertTrue(catalog.admitsByPrefix("jvm_memory_used_bytes"));
        assertTrue(catalog.lookup("imagedrift_drift_scores").isEmpty());
    }

    private List<String> check(String where, String expr) {
        Set<String> recorded = rules.recordingRules().stream().map(RuleFile.RecordingRule::name)
                .collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (PromqlSelectors.Selector selector : PromqlSelectors.of(expr)) {
            String name = selector.metric();
            if (PROMETHEUS_SERIES.contains(name) || recorded.contains(name) || catalog.admitsByPrefix(name)) {
                continue;
            }
            Optional<MetricsCatalog.Metric> metric = catalog.lookup(name);
            if (metric.isEmpty()) {
                problems.add(where + ": " + name + " is not in docs/METRICS.md");
                continue;
            }
            for (String label : selector.matchers().keySet()) {
                boolean known = metric.get().labels().contains(label) || TARGET_LABELS.contains(label)
                        || (label.equals("le") && name.endsWith("_bucket"));
                if (!known) {
                    problems.add(where + ": " + name + " has no label " + label);
                }
            }
        }
        return problems;
    }
}
