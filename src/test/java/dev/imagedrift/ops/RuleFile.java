package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Prometheus rule file ({@code groups: [{name, rules: [...]}]}), read as a tree. */
final class RuleFile {
    static final String PATH = "k8s/prometheus/imagedrift-alerts.rules.yml";
    private static final YAMLMapper YAML = new YAMLMapper();

    record Alert(String name, String expr, String forDuration, String keepFiringFor,
                 Map<String, String> labels, Map<String, String> annotations) {
    }

    record RecordingRule(String name, String expr) {
    }

    private final JsonNode groups;

    private RuleFile(JsonNode groups) {
        this.groups = groups;
    }

    static RuleFile load() {
        return parse(ProjectFiles.read(PATH), PATH);
    }

    static RuleFile parse(String yaml, String source) {
        try {
            JsonNode root = YAML.readTree(yaml);
            JsonNode groups = root == null ? null : root.get("groups");
            if (groups == null || !groups.isArray() || groups.isEmpty()) {
                throw new IllegalArgumentException(source + ": no rule groups");
            }
            return new RuleFile(groups);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": not YAML", e);
        }
    }

    /** The {@code groups} list itself, for comparing with a PrometheusRule's spec.groups. */
    JsonNode groups() {
        return groups;
    }

    List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode rule : rules()) {
            if (rule.has("alert")) {
                alerts.add(new Alert(rule.get("alert").asText(), rule.path("expr").asText(),
                        text(rule, "for"), text(rule, "keep_firing_for"),
                        strings(rule.path("labels")), strings(rule.path("annotations"))));
            }
        }
        return alerts;
    }

    List<RecordingRule> recordingRules() {
        List<RecordingRule> records = new ArrayList<>();
        for (JsonNode rule : rules()) {
            if (rule.has("record")) {
                records.add(new RecordingRule(rule.get("record").asText(), rule.path("expr").asText()));
            }
        }
        return records;
    }

    private List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        groups.forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}
