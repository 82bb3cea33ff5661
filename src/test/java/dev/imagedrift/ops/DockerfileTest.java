package dev.imagedrift.ops;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Dockerfile builds the fat jar in a Maven + JDK 17 stage and runs it from a JRE 17 stage as
 * a non-root user with the contract's command. (No Docker engine here: the file is read, not built.)
 */
class DockerfileTest {
    private static final List<String> CONTRACT_COMMAND = List.of("java", "-XX:MaxRAMPercentage=50", "-jar",
            "/app/image-drift-monitor.jar", "run", "--config", "/etc/imagedrift/application.yaml");

    private final List<DockerfileInstructions.Stage> stages = DockerfileInstructions.parse(ProjectFiles.read("Dockerfile"));

    @Test
    void buildsWithMavenOnJdk17() {
        assertEquals(2, stages.size(), "a build stage and a runtime stage");
        DockerfileInstructions.Stage build = stages.get(0);
        assertTrue(build.from().startsWith("maven:") && build.from().contains("17"), build.from());
        assertTrue(build.all("RUN").stream().anyMatch(r -> r.arguments().contains("mvn") && r.arguments().contains("package")),
                "the build stage runs mvn package");
    }

    @Test
    void runsOnAJre17AsANonRootUser() {
        DockerfileInstructions.Stage runtime = stages.get(1);
        assertTrue(runtime.from().contains("17") && runtime.from().contains("jre"), runtime.from());
        List<DockerfileInstructions.Instruction> users = runtime.all("USER");
        assertFalse(users.isEmpty(), "the runtime stage sets USER");
        String user = users.get(users.size() - 1).arguments();
        assertTrue(user.matches("[1-9]\\d*(:[1-9]\\d*)?"), "a numeric non-root uid (runAsNonRoot can verify it): " + user);
    }

    @Test
    void copiesTheFatJarToItsContractPath() {
        DockerfileInstructions.Stage runtime = stages.get(1);
        String buildStage = stages.get(0).name();
        assertTrue(runtime.all("COPY").stream().anyMatch(c -> c.arguments().equals(
                "--from=" + buildStage + " /src/target/image-drift-monitor.jar /app/image-drift-monitor.jar")));
    }

    @Test
    void entrypointAndCmdMakeTheContractCommand() {
        DockerfileInstructions.Stage runtime = stages.get(1);
        List<String> command = new ArrayList<>(runtime.all("ENTRYPOINT").get(0).execForm());
        command.addAll(runtime.all("CMD").get(0).execForm());
        assertEquals(CONTRACT_COMMAND, command);
        assertEquals("9400", runtime.all("EXPOSE").get(0).arguments());
    }

    @Test
    void imageUserMatchesThePodSecurityContext() {
        String user = stages.get(1).all("USER").get(0).arguments();
        StatefulSet statefulSet = (StatefulSet) StrictManifests.read(ProjectFiles.read("k8s/base/statefulset.yaml"),
                "k8s/base/statefulset.yaml").get(0);
        var context = statefulSet.getSpec().getTemplate().getSpec().getSecurityContext();
        assertEquals(context.getRunAsUser() + ":" + context.getRunAsGroup(), user);
    }

    @Test
    void dockerignoreSendsOnlyWhatTheBuildCopies() {
        List<String> rules = ProjectFiles.read(".dockerignore").lines().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals(List.of("*", "!pom.xml", "!src/main/"), rules);
        List<String> copied = stages.get(0).all("COPY").stream().map(c -> c.arguments().split("\\s+")[0]).toList();
        assertEquals(List.of("pom.xml", "src/main"), copied);
    }

    @Test
    void parserJoinsContinuationsAndSkipsComments() {
        List<DockerfileInstructions.Stage> parsed = DockerfileInstructions.parse("""
                # syntax=docker/dockerfile:1
                FROM a:1 AS one
                RUN x \\
                    && y
                FROM b:2
                CMD ["c", "d"]
                """);
        assertEquals("one", parsed.get(0).name());
        assertEquals("x && y", parsed.get(0).all("RUN").get(0).arguments());
        assertEquals(List.of("c", "d"), parsed.get(1).all("CMD").get(0).execForm());
    }
}
