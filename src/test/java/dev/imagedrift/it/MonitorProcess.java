package dev.imagedrift.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** `run` as a separate JVM, as a pod runs it: for the tests that kill a monitor hard or run several. */
final class MonitorProcess {
    private MonitorProcess() {}

    /**
     * Starts {@code run --config config} on the production classpath (without test-classes, whose extra
     * test property would not match the reference), output to {@code log}, with no IMAGEDRIFT_ variables
     * of the test's own environment.
     */
    static Process start(Path config, Path log, String heap) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + heap, "-cp", classpath,
                "dev.imagedrift.cli.Main", "run", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("IMAGEDRIFT_"));
        return pb.start();
    }
}
