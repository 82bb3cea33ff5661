package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The Grafana dashboard JSON, with its panels (rows flattened), queries, annotations and variables. */
final class DashboardFile {
    static final String PATH = "grafana/dashboards/image-drift-monitor.json";

    /** A PromQL query of the dashboard and where it is. */
    record Query(String where, String expr) {
    }

    private final JsonNode root;

    private DashboardFile(JsonNode root) {
        this.root = root;
    }

    static DashboardFile load() {
        try {
            return new DashboardFile(new ObjectMapper().readTree(ProjectFiles.read(PATH)));
        } catch (IOException e) {
            throw new UncheckedIOException(PATH + ": not JSON", e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** Every panel, including those nested in collapsed rows. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    List<JsonNode> variables() {
        List<JsonNode> variables = new ArrayList<>();
        root.path("templating").path("list").forEach(variables::add);
        return variables;
    }

    List<JsonNode> annotations() {
        List<JsonNode> annotations = new ArrayList<>();
        root.path("annotations").path("list").forEach(annotations::add);
        return annotations;
    }

    /** Panel target and annotation queries (variable queries are label_values(), not PromQL). */
    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query("panel " + panel.path("id").asInt() + " \"" + panel.path("title").asText()
                        + "\" " + target.path("refId").asText(), target.path("expr").asText()));
            }
        }
        for (JsonNode annotation : annotations()) {
            if (annotation.has("expr")) {
                queries.add(new Query("annotation \"" + annotation.path("name").asText() + "\"",
                        annotation.path("expr").asText()));
            }
        }
        return queries;
    }

    /** A query with Grafana's variables replaced by values Prometheus accepts. */
    static String withVariablesResolved(String expr) {
        return expr.replaceAll("\\$\\{?__(rate_interval|interval|range)}?", "5m")
                .replaceAll("\\$\\{?[A-Za-z_]\\w*(:\\w+)?}?", ".*");
    }
}
