package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.imagedrift.config.ConfigLoader;
import dev.imagedrift.config.MonitorConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application.yaml files the manifests ship load with the service's own configuration loader,
 * which refuses unknown (misspelt) keys and bad values, so they cannot silently fall back to defaults.
 */
class ApplicationConfigTest {
    @ParameterizedTest
    @ValueSource(strings = {"k8s/base/application.yaml", "k8s/overlays/production/application.yaml"})
    void loadsWithTheServicesLoader(String path) throws IOException {
        MonitorConfig config = ConfigLoader.load(ProjectFiles.resolve(path), Map.of());
        assertEquals(9400, config.metrics().port(), path + ": the manifests expose 9400");
        assertTrue(config.reference().snapshot().startsWith("/etc/imagedrift/"), path);
        JsonNode root = new YAMLMapper().readTree(ProjectFiles.read(path));
        assertTrue(root.isObject() && root.size() > 0, path + " configures something");
    }
}
