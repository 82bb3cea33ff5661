package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grafana provisioning files for a Grafana outside Kubernetes. */
class GrafanaProvisioningTest {
    private final YAMLMapper yaml = new YAMLMapper();

    @Test
    void datasourceIsAPrometheus() throws IOException {
        JsonNode file = yaml.readTree(ProjectFiles.read("grafana/provisioning/datasources/image-drift-prometheus.yaml"));
        assertEquals(1, file.path("apiVersion").asInt());
        JsonNode datasource = file.path("datasources").get(0);
        assertEquals("prometheus", datasource.path("type").asText());
        assertTrue(datasource.path("url").asText().startsWith("http"), datasource.toString());
    }

    @Test
    void dashboardProviderReadsFilesIntoAFolder() throws IOException {
        JsonNode file = yaml.readTree(ProjectFiles.read("grafana/provisioning/dashboards/image-drift-monitor.yaml"));
        assertEquals(1, file.path("apiVersion").asInt());
        JsonNode provider = file.path("providers").get(0);
        assertEquals("file", provider.path("type").asText());
        assertTrue(provider.path("options").path("path").asText().startsWith("/"), provider.toString());
        assertTrue(provider.path("disableDeletion").asBoolean());
    }
}
