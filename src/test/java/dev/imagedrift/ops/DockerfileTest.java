package dev.imagedrift.ops;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Dockerfile's structure: a production and a demo image, each from a Maven build stage or from
 * the jars of `mvn package`, on a runtime base given as a build argument, run as a non-root user
 * with the contract's command. scripts/container-check.sh builds and runs the prebuilt targets.
 */
class DockerfileTest {
    private static final List<String> CONTRACT_COMMAND = List.of("java", "-XX:MaxRAMPercentage=50", "-jar",
            "/app/image-drift-monitor.jar", "run", "--config", "/etc/imagedrift/application.yaml");
    private static final String PRODUCTION_JAR = "/app/image-drift-monitor.jar";
    private static final String TOOLS_JAR = "/app/image-drift-tools.jar";

    private final String text = ProjectFiles.read("Dockerfile");
    private final DockerfileInstructions dockerfile = DockerfileInstructions.parse(text);

    @Test
    void stagesInBuildOrderWithTheProductionImageAsTheDefault() {
        List<String> names = dockerfile.stages().stream().map(DockerfileInstructions.Stage::name).toList();
        assertEquals(List.of("runtime-base", "runtime-prebuilt", "demo-prebuilt", "build", "demo", "runtime"), names,
                "the last stage is what a plain `docker build .` produces");
    }

    /** A builder without BuildKit runs every stage up to its target: the prebuilt ones must not reach Maven. */
    @Test
    void prebuiltTargetsNeedNeitherTheBuildStageNorAnyNetwork() {
        int build = dockerfile.stages().indexOf(dockerfile.stage("build"));
        for (String name : List.of("runtime-prebuilt", "demo-prebuilt")) {
            DockerfileInstructions.Stage stage = dockerfile.stage(name);
            assertTrue(dockerfile.stages().indexOf(stage) < build, name + " comes before the build stage");
            for (DockerfileInstructions.Stage s : dockerfile.lineage(stage)) {
                assertTrue(s.all("COPY").stream().noneMatch(c -> c.arguments().startsWith("--from=")), name + ": " + s.name());
            }
        }
        assertFalse(text.lines().anyMatch(l -> l.startsWith("# syntax=")),
                "a syntax directive makes BuildKit pull a frontend image from a registry");
    }

    @Test
    void buildsBothJarsWithMavenOnJdk17() {
        assertTrue(dockerfile.globalArgs().get("BUILD_BASE").matches("maven:.*17.*"), dockerfile.globalArgs().toString());
        DockerfileInstructions.Stage build = dockerfile.stage("build");
        assertEquals("${BUILD_BASE}", build.from());
        assertTrue(build.all("RUN").stream().anyMatch(r -> r.arguments().contains("mvn") && r.arguments().contains("package")),
                "the build stage runs mvn package");
        List<String> copied = build.all("COPY").stream().map(c -> c.arguments().split("\\s+")[0]).toList();
        assertEquals(List.of("pom.xml", "src/main", "samples"), copied, "samples: the tools jar bundles the photos");
    }

    @Test
    void runtimeBaseIsABuildArgumentDefaultingToAPublicJre17() {
        String base = dockerfile.globalArgs().get("RUNTIME_BASE");
        assertTrue(base.contains("17") && base.contains("jre"), base);
        assertEquals("${RUNTIME_BASE}", dockerfile.stage("runtime-base").from());
        for (String image : List.of("runtime", "runtime-prebuilt", "demo", "demo-prebuilt")) {
            List<DockerfileInstructions.Stage> lineage = dockerfile.lineage(dockerfile.stage(image));
            assertEquals("runtime-base", lineage.get(lineage.size() - 1).name(), image);
        }
    }

    @Test
    void runsAsANonRootUser() {
        String user = dockerfile.stage("runtime-base").last("USER").orElseThrow().arguments();
        assertTrue(user.matches("[1-9]\\d*(:[1-9]\\d*)?"), "a numeric non-root uid (runAsNonRoot can verify it): " + user);
        for (DockerfileInstructions.Stage s : dockerfile.stages()) {
            if (!s.name().equals("build") && !s.name().equals("runtime-base")) {
                assertTrue(s.all("USER").isEmpty(), s.name() + " must not change the user");
            }
        }
    }

    @Test
    void turboJpegIsAnOptionalLayerOnByDefault() {
        DockerfileInstructions.Stage base = dockerfile.stage("runtime-base");
        assertTrue(base.all("ARG").stream().anyMatch(a -> a.arguments().equals("INSTALL_TURBOJPEG=true")));
        String install = base.all("RUN").stream().map(DockerfileInstructions.Instruction::arguments)
                .filter(r -> r.contains("libturbojpeg-java")).findFirst().orElseThrow();
        assertTrue(install.startsWith("if [ \"$INSTALL_TURBOJPEG\" = true ]"), install);
        // The binding's loader wants the unversioned libturbojpeg.so of the -dev package.
        assertTrue(install.contains("libturbojpeg0-dev") && install.contains("/usr/share/java/turbojpeg.jar"), install);
        int installAt = base.instructions().indexOf(base.all("RUN").stream().filter(r -> r.arguments().equals(install)).findFirst().orElseThrow());
        int userAt = base.instructions().indexOf(base.last("USER").orElseThrow());
        assertTrue(installAt < userAt, "installed as root, before USER");
    }

    @Test
    void productionImagesRunTheSlimJarWithTheContractCommand() {
        assertCopies("runtime", "--from=build /src/target/image-drift-monitor.jar " + PRODUCTION_JAR);
        assertCopies("runtime-prebuilt", "target/image-drift-monitor.jar " + PRODUCTION_JAR);
        for (String image : List.of("runtime", "runtime-prebuilt")) {
            assertEquals(CONTRACT_COMMAND, command(image), image);
        }
        assertEquals("9400", dockerfile.effective(dockerfile.stage("runtime"), "EXPOSE").orElseThrow().arguments());
    }

    @Test
    void demoImagesRunTheToolsJarWithThePhotos() {
        assertCopies("demo", "--from=build /src/target/image-drift-tools.jar " + TOOLS_JAR);
        assertCopies("demo-prebuilt", "target/image-drift-tools.jar " + TOOLS_JAR);
        for (String image : List.of("demo", "demo-prebuilt")) {
            assertCopies(image, "samples /samples");
            assertEquals(List.of("java", "-XX:MaxRAMPercentage=50", "-jar", TOOLS_JAR, "demo"), command(image), image);
        }
    }

    @Test
    void imageUserMatchesThePodSecurityContext() {
        String user = dockerfile.stage("runtime-base").last("USER").orElseThrow().arguments();
        StatefulSet statefulSet = (StatefulSet) StrictManifests.read(ProjectFiles.read("k8s/base/statefulset.yaml"),
                "k8s/base/statefulset.yaml").get(0);
        var context = statefulSet.getSpec().getTemplate().getSpec().getSecurityContext();
        assertEquals(context.getRunAsUser() + ":" + context.getRunAsGroup(), user);
    }

    @Test
    void dockerignoreSendsExactlyWhatTheCopiesRead() {
        List<String> rules = ProjectFiles.read(".dockerignore").lines().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals("*", rules.get(0), "everything is excluded first");
        Set<String> sent = new TreeSet<>();
        rules.subList(1, rules.size()).forEach(r -> {
            assertTrue(r.startsWith("!"), r);
            sent.add(r.substring(1).replaceAll("/$", ""));
        });
        Set<String> copied = new TreeSet<>();
        for (DockerfileInstructions.Stage s : dockerfile.stages()) {
            s.all("COPY").stream().filter(c -> !c.arguments().startsWith("--from=")).forEach(c -> {
                String[] words = c.arguments().split("\\s+");
                for (int i = 0; i < words.length - 1; i++) {
                    if (!words[i].startsWith("--")) {
                        copied.add(words[i]);
                    }
                }
            });
        }
        assertEquals(copied, sent);
    }

    @Test
    void parserReadsGlobalArgsJoinsContinuationsAndSkipsComments() {
        DockerfileInstructions parsed = DockerfileInstructions.parse("""
                # syntax=docker/dockerfile:1
                ARG BASE=a:1
                FROM ${BASE} AS one
                RUN x \\
                    && y
                CMD ["c", "d"]
                FROM one AS two
                FROM one AS three
                ENTRYPOINT ["e"]
                """);
        assertEquals("a:1", parsed.globalArgs().get("BASE"));
        assertEquals("x && y", parsed.stage("one").all("RUN").get(0).arguments());
        assertEquals(List.of("c", "d"), parsed.effective(parsed.stage("two"), "CMD").orElseThrow().execForm());
        assertEquals(List.of("two", "one"), parsed.lineage(parsed.stage("two")).stream().map(DockerfileInstructions.Stage::name).toList());
        assertTrue(parsed.effective(parsed.stage("three"), "CMD").isEmpty(), "a new ENTRYPOINT drops the inherited CMD");
    }

    private void assertCopies(String stage, String copy) {
        assertTrue(dockerfile.stage(stage).all("COPY").stream().anyMatch(c -> c.arguments().equals(copy)),
                stage + " copies " + copy + ": " + dockerfile.stage(stage).all("COPY"));
    }

    /** ENTRYPOINT followed by CMD as they take effect in the stage (own or inherited). */
    private List<String> command(String stage) {
        DockerfileInstructions.Stage s = dockerfile.stage(stage);
        List<String> command = new ArrayList<>(dockerfile.effective(s, "ENTRYPOINT").orElseThrow().execForm());
        command.addAll(dockerfile.effective(s, "CMD").orElseThrow().execForm());
        return command;
    }
}
