package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application.yaml files the manifests ship use only keys of the service's configuration
 * contract (a misspelt key would silently fall back to its default).
 */
class ApplicationConfigTest {
    /** Sections and keys of the configuration contract; "properties" and "per-stream" are free maps. */
    static final Map<String, Set<String>> CONTRACT = Map.of(
            "kafka", Set.of("bootstrap-servers", "application-id", "processing-guarantee", "num-stream-threads",
                    "state-dir", "properties"),
            "topics", Set.of("events", "dead-letter", "scores", "alerts"),
            "window", Set.of("size", "advance", "grace", "max-samples"),
            "reference", Set.of("snapshot", "per-stream"),
            "detection", Set.of("mode", "alpha", "min-score", "min-samples", "folds", "correction",
                    "expected-streams", "exemplars"),
            "alerting", Set.of("fire-after", "out-of", "resolve-after"),
            "images", Set.of("max-pixels", "max-bytes"),
            "metrics", Set.of("port", "host", "stale-after"));

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base/application.yaml", "k8s/overlays/production/application.yaml"})
    void usesOnlyContractKeys(String path) throws IOException {
        JsonNode root = new YAMLMapper().readTree(ProjectFiles.read(path));
        List<String> unknown = new ArrayList<>();
        root.fields().forEachRemaining(section -> {
            Set<String> keys = CONTRACT.get(section.getKey());
            if (keys == null) {
                unknown.add(section.getKey());
            } else {
                section.getValue().fieldNames().forEachRemaining(key -> {
                    if (!keys.contains(key)) {
                        unknown.add(section.getKey() + "." + key);
                    }
                });
            }
        });
        assertEquals(List.of(), unknown, path + ": keys outside the configuration contract");
        assertEquals(9400, root.path("metrics").path("port").asInt(9400), path + ": the manifests expose 9400");
        assertTrue(root.path("reference").path("snapshot").asText().startsWith("/etc/imagedrift/"), path);
    }
}
