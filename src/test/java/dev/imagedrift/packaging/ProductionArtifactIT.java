package dev.imagedrift.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.JarEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The two jars {@code mvn package} builds (integration test: it runs after packaging). The production
 * jar carries no broker, Scala, log4j-core, chart or benchmark library and none of the tools, stays
 * under a third of the former 131 MB single jar, and still runs {@code check} end to end; the tools
 * jar adds demo, bench and evaluate.
 */
class ProductionArtifactIT {
    private static final Path PRODUCTION = Path.of("target/image-drift-monitor.jar");
    private static final Path TOOLS = Path.of("target/image-drift-tools.jar");
    /** The single jar before the split carried the broker for the demo: 131,323,020 bytes. */
    private static final long FORMER_JAR_BYTES = 131_323_020L;

    /** Entry-name prefixes that must not ship in production, and why. */
    private static final List<String[]> FORBIDDEN = List.of(
            new String[] {"kafka/server/", "the Kafka broker (kafka_2.13)"},
            new String[] {"kafka/log/", "the Kafka broker (kafka_2.13)"},
            new String[] {"org/apache/kafka/raft/", "the broker's Raft implementation"},
            new String[] {"org/apache/kafka/storage/internals/log/", "the broker's log storage"},
            new String[] {"scala/", "the Scala library"},
            new String[] {"org/apache/logging/log4j/core/", "a second logging backend"},
            new String[] {"org/jfree/", "the chart library"},
            new String[] {"org/openjdk/jmh/", "the benchmark harness"},
            new String[] {"dev/imagedrift/tools/", "the tools (demo, bench, evaluate)"},
            new String[] {"samples/", "the demo's bundled photos"});

    @Test
    void productionJarIsSlimAndCarriesNoToolDependency() throws IOException {
        long size = Files.size(PRODUCTION);
        assertTrue(size < FORMER_JAR_BYTES / 3, "production jar is " + size + " bytes, over a third of "
                + FORMER_JAR_BYTES);
        try (JarFile jar = new JarFile(PRODUCTION.toFile())) {
            for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
                for (String[] forbidden : FORBIDDEN) {
                    if (entry.getName().startsWith(forbidden[0])) {
                        fail("production jar carries " + forbidden[1] + ": " + entry.getName());
                    }
                }
            }
            for (String needed : List.of("dev/imagedrift/cli/Main.class", "org/apache/kafka/streams/KafkaStreams.class",
                    "smile/classification/GradientTreeBoost.class", "librocksdbjni-linux64.so")) {
                assertTrue(jar.getEntry(needed) != null, "production jar lacks " + needed);
            }
            assertEquals("dev.imagedrift.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    @Test
    void productionJarRunsTheBatchCheckOnTheSamples() throws Exception {
        Run same = java(PRODUCTION, "check", "--reference", "samples/reference", "--current", "samples/current",
                "--quiet");
        assertEquals(0, same.exitCode(), same.output());
        assertTrue(same.output().contains("NO DRIFT"), same.output());
        Run brightened = java(PRODUCTION, "check", "--reference", "samples/reference", "--current",
                "samples/current-brightened", "--quiet");
        assertEquals(1, brightened.exitCode(), brightened.output());
    }

    @Test
    void productionJarOffersOnlyTheProductionCommands() throws Exception {
        Run help = java(PRODUCTION, "--help");
        assertEquals(0, help.exitCode(), help.output());
        for (String command : List.of("snapshot", "check", "run")) {
            assertTrue(help.output().contains("  " + command + " "), help.output());
        }
        Run demo = java(PRODUCTION, "demo");
        assertEquals(2, demo.exitCode(), demo.output());
        assertTrue(demo.output().contains("Unmatched argument") || demo.output().contains("Unknown"), demo.output());
    }

    @Test
    void toolsJarAddsTheTools() throws Exception {
        Run help = java(TOOLS, "--help");
        assertEquals(0, help.exitCode(), help.output());
        for (String command : List.of("snapshot", "check", "run", "demo", "bench", "evaluate")) {
            assertTrue(help.output().contains("  " + command + " "), command + " missing: " + help.output());
        }
    }

    /** The example custom property (Saturation) as a user would ship it: a jar with a services entry. */
    @Test
    void customPropertiesWorkWithTheShippedJarFromAPluginsDirectoryOrTheClasspath(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = plugins.resolve("saturation.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, "META-INF/services/dev.imagedrift.properties.ImagePropertyProvider",
                    Path.of("src/test/plugin/META-INF/services/dev.imagedrift.properties.ImagePropertyProvider"));
            for (String c : List.of("SaturationProperty", "TestPropertyProvider")) {
                add(out, "dev/imagedrift/properties/" + c + ".class",
                        Path.of("target/test-classes/dev/imagedrift/properties/" + c + ".class"));
            }
        }
        Path fromDirectory = dir.resolve("a.json");
        Run run = java(PRODUCTION, "snapshot", "--images", "samples/reference", "--out", fromDirectory.toString(),
                "--plugins", plugins.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(Files.readString(fromDirectory).contains("\"Saturation\""), "the 8th property is in the snapshot");

        Path fromClasspath = dir.resolve("b.json");
        Run cp = javaClasspath(PRODUCTION + java.io.File.pathSeparator + jar, "dev.imagedrift.cli.Main", "snapshot",
                "--images", "samples/reference", "--out", fromClasspath.toString(), "--quiet");
        assertEquals(0, cp.exitCode(), cp.output());
        assertTrue(Files.readString(fromClasspath).contains("\"Saturation\""));

        Run without = java(PRODUCTION, "snapshot", "--images", "samples/reference", "--out",
                dir.resolve("c.json").toString(), "--quiet");
        assertEquals(0, without.exitCode(), without.output());
        assertFalse(Files.readString(dir.resolve("c.json")).contains("Saturation"));
    }

    private static void add(JarOutputStream out, String name, Path file) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
    }

    private record Run(int exitCode, String output) {}

    private static Run javaClasspath(String classpath, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return launch(command);
    }

    private static Run java(Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return launch(command);
    }

    private static Run launch(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(arguments);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
