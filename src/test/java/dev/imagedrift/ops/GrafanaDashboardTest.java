package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The dashboard JSON: every query parses, the layout is sane, variables and annotations are wired. */
class GrafanaDashboardTest {
    private static final String DATASOURCE_UID = "${datasource}";
    /** Panels that show the whole deployment on purpose: dead letters carry no stream label. */
    private static final Set<String> ALL_STREAMS_PANELS = Set.of("Dead-letter ratio (all streams)");
    /** The matchers of the deployment variables, as every query carries them. */
    private static final String DEPLOYMENT = "cluster=~\"$cluster\", namespace=~\"$namespace\", job=~\"$job\"";
    private static final Map<String, String> DEPLOYMENT_MATCHERS = Map.of("cluster", "=~\"$cluster\"",
            "namespace", "=~\"$namespace\"", "job", "=~\"$job\"");

    private final DashboardFile dashboard = DashboardFile.load();

    /**
     * promtool has no bare PromQL check, but `check rules` parses (and type-checks) every rule's
     * expression: each query becomes a recording rule named after its panel.
     */
    @Test
    void everyQueryParses(@TempDir Path dir) throws IOException {
        ExternalTool promtool = ExternalTool.require("promtool", PrometheusRulesTest.PROMTOOL_HINT);
        List<Map<String, String>> rules = new ArrayList<>();
        List<DashboardFile.Query> queries = dashboard.queries();
        for (int i = 0; i < queries.size(); i++) {
            rules.add(Map.of("record", "dashboard_query_" + i,
                    "expr", DashboardFile.withVariablesResolved(queries.get(i).expr())));
        }
        Path file = dir.resolve("dashboard-queries.rules.yml");
        new YAMLMapper().writeValue(file.toFile(),
                Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules))));
        ExternalTool.Result result = promtool.run(dir, "check", "rules", file.getFileName().toString());
        if (result.exitCode() != 0) {
            StringBuilder index = new StringBuilder();
            for (int i = 0; i < queries.size(); i++) {
                index.append("\n  dashboard_query_").append(i).append(" = ").append(queries.get(i).where());
            }
            fail("promtool rejects dashboard queries:\n" + result.output() + "\nwhere" + index);
        }
        assertTrue(result.output().contains("SUCCESS: " + queries.size() + " rules found"), result.output());
    }

    @Test
    void usesACurrentSchemaAndAStableUid() {
        JsonNode root = dashboard.root();
        assertTrue(root.path("schemaVersion").asInt() >= 41, "schemaVersion " + root.path("schemaVersion"));
        assertEquals("image-drift-monitor", root.path("uid").asText());
        assertFalse(root.path("title").asText().isBlank());
        assertFalse(root.has("id") && !root.get("id").isNull(), "a provisioned dashboard carries no numeric id");
    }

    @Test
    void panelIdsAreUnique() {
        List<Integer> ids = dashboard.panels().stream().map(p -> p.path("id").asInt(-1)).toList();
        assertFalse(ids.contains(-1), "every panel has an id");
        assertEquals(ids.size(), new HashSet<>(ids).size(), "duplicate panel ids in " + ids);
    }

    @Test
    void panelsFitTheGridWithoutOverlapping() {
        List<JsonNode> panels = dashboard.panels();
        for (JsonNode p : panels) {
            JsonNode g = p.path("gridPos");
            String name = "panel " + p.path("id") + " " + p.path("title");
            assertTrue(g.path("w").asInt() >= 1 && g.path("h").asInt() >= 1, name + ": size " + g);
            assertTrue(g.path("x").asInt(-1) >= 0 && g.path("y").asInt(-1) >= 0, name + ": position " + g);
            assertTrue(g.path("x").asInt() + g.path("w").asInt() <= 24, name + ": wider than the 24-column grid " + g);
        }
        for (int i = 0; i < panels.size(); i++) {
            for (int j = i + 1; j < panels.size(); j++) {
                assertFalse(overlap(panels.get(i).path("gridPos"), panels.get(j).path("gridPos")),
                        "panels " + panels.get(i).path("title") + " and " + panels.get(j).path("title") + " overlap");
            }
        }
    }

    @Test
    void everyQueryUsesTheDatasourceVariable() {
        JsonNode variable = variable("datasource");
        assertEquals("datasource", variable.path("type").asText());
        assertEquals("prometheus", variable.path("query").asText());
        for (JsonNode panel : dashboard.panels()) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String name = "panel " + panel.path("title");
            assertEquals(DATASOURCE_UID, panel.path("datasource").path("uid").asText(), name);
            assertFalse(panel.path("targets").isEmpty(), name + " has no query");
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertEquals(DATASOURCE_UID, target.path("datasource").path("uid").asText(), name);
                assertTrue(refIds.add(target.path("refId").asText()), name + ": duplicate refId");
                assertFalse(target.path("expr").asText().isBlank(), name + ": empty expr");
            }
        }
    }

    @Test
    void streamVariableListsTheStreamsAndEveryPerStreamQueryUsesIt() {
        JsonNode stream = variable("stream");
        assertEquals("query", stream.path("type").asText());
        assertEquals("label_values(imagedrift_drift_score{" + DEPLOYMENT + "}, stream)", stream.path("query").asText());
        assertEquals(DATASOURCE_UID, stream.path("datasource").path("uid").asText());
        assertTrue(stream.path("multi").asBoolean() && stream.path("includeAll").asBoolean());
        assertEquals(".*", stream.path("allValue").asText());

        MetricsCatalog catalog = MetricsCatalog.load();
        List<String> unfiltered = new ArrayList<>();
        for (DashboardFile.Query query : dashboard.queries()) {
            if (ALL_STREAMS_PANELS.stream().anyMatch(title -> query.where().contains("\"" + title + "\""))) {
                continue;
            }
            for (PromqlSelectors.Selector s : PromqlSelectors.of(query.expr())) {
                boolean perStream = catalog.lookup(s.metric()).map(m -> m.labels().contains("stream")).orElse(false);
                if (perStream && !"=~\"$stream\"".equals(s.matchers().get("stream"))) {
                    unfiltered.add(query.where() + ": " + s.metric());
                }
            }
        }
        assertEquals(List.of(), unfiltered, "per-stream selectors without stream=~\"$stream\"");
    }

    /**
     * Cluster, namespace and job are picked from what the monitor itself exports
     * (imagedrift_build_info), each narrowed by the ones before it, so the dashboard fits any install
     * without knowing its job name.
     */
    @Test
    void deploymentVariablesComeFromTheMonitorsOwnSeriesInOrder() {
        List<String> names = dashboard.variables().stream().map(v -> v.path("name").asText()).toList();
        assertEquals(List.of("datasource", "cluster", "namespace", "job", "stream"), names);
        assertEquals("label_values(imagedrift_build_info, cluster)", variable("cluster").path("query").asText());
        assertEquals("label_values(imagedrift_build_info{cluster=~\"$cluster\"}, namespace)",
                variable("namespace").path("query").asText());
        assertEquals("label_values(imagedrift_build_info{cluster=~\"$cluster\", namespace=~\"$namespace\"}, job)",
                variable("job").path("query").asText());
        for (String name : List.of("cluster", "namespace", "job")) {
            JsonNode v = variable(name);
            assertEquals("query", v.path("type").asText(), name);
            assertEquals(DATASOURCE_UID, v.path("datasource").path("uid").asText(), name);
            assertFalse(v.path("multi").asBoolean(), name + ": one deployment at a time");
        }
        // A cluster label is only there in multi-cluster setups; "All" (.*) also matches its absence.
        assertEquals(2, variable("cluster").path("hide").asInt(), "the cluster picker is hidden by default");
        assertTrue(variable("cluster").path("includeAll").asBoolean());
        assertEquals(".*", variable("cluster").path("allValue").asText());
        assertTrue(variable("namespace").path("includeAll").asBoolean());
        // No "All" jobs: the JVM panels read series every Java program exports.
        assertFalse(variable("job").path("includeAll").asBoolean());
    }

    @Test
    void everyQueryIsScopedToThePickedDeployment() {
        List<String> unscoped = new ArrayList<>();
        for (DashboardFile.Query query : dashboard.queries()) {
            for (PromqlSelectors.Selector s : PromqlSelectors.of(query.expr())) {
                for (Map.Entry<String, String> m : DEPLOYMENT_MATCHERS.entrySet()) {
                    if (!m.getValue().equals(s.matchers().get(m.getKey()))) {
                        unscoped.add(query.where() + ": " + s.metric() + " lacks " + m.getKey() + m.getValue());
                    }
                }
            }
        }
        assertEquals(List.of(), unscoped);
    }

    @Test
    void noJobNameIsWrittenIntoTheDashboard() {
        String text = ProjectFiles.read(DashboardFile.PATH);
        assertFalse(text.contains("job=\\\"") || text.contains("image-drift-monitor\\\""),
                "a job matcher other than $job, or the default job name, in the dashboard");
    }

    @Test
    void driftStatusTimelineMapsTheThreeStates() {
        JsonNode timeline = panelQuerying("state-timeline", "imagedrift_drift_status");
        Map<String, String> texts = new TreeMap<>();
        for (JsonNode mapping : timeline.path("fieldConfig").path("defaults").path("mappings")) {
            mapping.path("options").fields().forEachRemaining(e -> texts.put(e.getKey(), e.getValue().path("text").asText()));
        }
        assertEquals(Map.of("0", "OK", "1", "DRIFT", "2", "INSUFFICIENT_DATA"), texts);
    }

    @Test
    void driftScorePanelDrawsTheThresholdInForce() {
        JsonNode panel = panelQuerying("timeseries", "imagedrift_drift_score");
        Set<String> metrics = new HashSet<>();
        panel.path("targets").forEach(t -> PromqlSelectors.of(t.path("expr").asText()).forEach(s -> metrics.add(s.metric())));
        assertTrue(metrics.contains("imagedrift_drift_threshold"), "metrics of the score panel: " + metrics);
    }

    @Test
    void alertAnnotationsCoverEveryAlertOfTheRules() {
        JsonNode annotation = dashboard.annotations().stream()
                .filter(a -> a.path("expr").asText().contains("ALERTS"))
                .findFirst().orElseThrow(() -> new AssertionError("no ALERTS annotation"));
        assertTrue(annotation.path("enable").asBoolean());
        assertEquals(DATASOURCE_UID, annotation.path("datasource").path("uid").asText());
        String alertname = PromqlSelectors.of(annotation.path("expr").asText()).get(0).matchers().get("alertname");
        assertTrue(alertname.startsWith("=~\""), alertname);
        String regex = alertname.substring(3, alertname.length() - 1);
        Set<String> names = RuleFile.load().alerts().stream().map(RuleFile.Alert::name).collect(Collectors.toSet());
        assertTrue(names.stream().allMatch(n -> n.matches(regex)), regex + " misses some of " + names);
    }

    private JsonNode variable(String name) {
        return dashboard.variables().stream().filter(v -> v.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no $" + name + " variable"));
    }

    private JsonNode panelQuerying(String type, String metric) {
        return dashboard.panels().stream()
                .filter(p -> p.path("type").asText().equals(type))
                .filter(p -> p.path("targets").findValuesAsText("expr").stream().anyMatch(e -> e.contains(metric)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " panel queries " + metric));
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }
}
