package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every manifest under k8s/ (base resources and overlay patches) unmarshals strictly into the
 * Kubernetes model, and every one is used by its directory's kustomization.
 */
class KubernetesManifestsTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    @TestFactory
    Stream<DynamicTest> everyManifestIsStrictlyValid() throws IOException {
        List<Path> manifests = manifests();
        assertTrue(manifests.size() >= 8, "manifests found: " + manifests);
        return manifests.stream().map(file -> DynamicTest.dynamicTest(relative(file), () -> {
            String source = relative(file);
            assertFalse(StrictManifests.read(Files.readString(file), source).isEmpty(), source);
        }));
    }

    @Test
    void everyManifestIsUsedByItsKustomization() throws IOException {
        List<String> unused = new ArrayList<>();
        for (Path file : manifests()) {
            JsonNode kustomization = YAML.readTree(file.resolveSibling("kustomization.yaml").toFile());
            Set<String> used = new HashSet<>();
            kustomization.path("resources").forEach(r -> used.add(r.asText()));
            kustomization.path("patches").forEach(p -> used.add(p.path("path").asText()));
            if (!used.contains(file.getFileName().toString())) {
                unused.add(relative(file));
            }
        }
        assertEquals(List.of(), unused, "manifests no kustomization.yaml lists");
    }

    @Test
    void noSecretIsCommitted() throws IOException {
        for (Path file : manifests()) {
            for (var resource : StrictManifests.read(Files.readString(file), relative(file))) {
                assertFalse(resource.getKind().equals("Secret"), relative(file) + " commits a Secret");
            }
        }
    }

    /** YAML files under k8s/base and k8s/overlays that are Kubernetes objects (not kustomizations or app config). */
    static List<Path> manifests() throws IOException {
        List<Path> manifests = new ArrayList<>();
        Path k8s = ProjectFiles.resolve("k8s");
        try (Stream<Path> files = Files.walk(k8s)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.startsWith(k8s.resolve("prometheus"))) {
                    continue; // plain Prometheus rule files, checked by promtool
                }
                JsonNode root = YAML.readTree(file.toFile());
                boolean kubernetesObject = root != null && root.has("kind")
                        && !root.path("apiVersion").asText().startsWith("kustomize.config.k8s.io");
                if (kubernetesObject) {
                    manifests.add(file);
                }
            }
        }
        return manifests;
    }

    private static String relative(Path file) {
        return ProjectFiles.root().relativize(file).toString();
    }
}
