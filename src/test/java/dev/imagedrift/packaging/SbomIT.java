package dev.imagedrift.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build's CycloneDX SBOM lists every library shaded into the production jar, with its version. */
class SbomIT {
    /**
     * Libraries that come inside another dependency's jar, relocated, not as Maven dependencies: the
     * SBOM cannot see them, so they are named here with the artifact that carries them (which must be
     * listed). A scanner reading the SBOM alone misses them.
     */
    private static final java.util.Map<String, String> EMBEDDED = java.util.Map.of(
            "commons-net:commons-net", "org.apache.kafka:kafka-clients");

    @Test
    void everyLibraryInTheProductionJarIsInTheSbom() throws Exception {
        Path sbom = Path.of("target", "image-drift-monitor.sbom.json");
        org.junit.jupiter.api.Assumptions.assumeFalse(Boolean.getBoolean("imagedrift.build.offline"),
                "an offline build (mvn -o) makes no SBOM (the plugin refuses offline mode)");
        assertTrue(Files.isRegularFile(sbom), "the build writes " + sbom);
        JsonNode root = new ObjectMapper().readTree(sbom.toFile());
        assertEquals("CycloneDX", root.path("bomFormat").asText());
        Set<String> listed = new HashSet<>();
        for (JsonNode c : root.path("components")) {
            listed.add(c.path("group").asText() + ":" + c.path("name").asText() + ":" + c.path("version").asText());
        }
        Set<String> shaded = new TreeSet<>();
        try (JarFile jar = new JarFile(Path.of("target", "image-drift-monitor.jar").toFile())) {
            var entries = jar.entries();
            while (entries.hasMoreElements()) {
                var e = entries.nextElement();
                if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                    Properties p = new Properties();
                    try (InputStream in = jar.getInputStream(e)) {
                        p.load(in);
                    }
                    if (!"dev.imagedrift".equals(p.getProperty("groupId"))) {
                        shaded.add(p.getProperty("groupId") + ":" + p.getProperty("artifactId") + ":" + p.getProperty("version"));
                    }
                }
            }
        }
        assertTrue(shaded.size() > 10, "libraries found in the jar: " + shaded);
        Set<String> missing = new TreeSet<>(shaded);
        missing.removeAll(listed);
        missing.removeIf(gav -> {
            String carrier = EMBEDDED.get(gav.substring(0, gav.lastIndexOf(':')));
            return carrier != null && listed.stream().anyMatch(l -> l.startsWith(carrier + ":"));
        });
        assertEquals(Set.of(), missing, "shaded libraries missing from the SBOM");
    }
}
