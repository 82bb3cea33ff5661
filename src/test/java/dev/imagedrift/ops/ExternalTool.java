package dev.imagedrift.ops;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A command-line tool the operations tests need (promtool, kubectl). A missing tool fails the
 * test with how to install it: these checks are part of the build and must not be skipped.
 */
final class ExternalTool {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Path executable;

    private ExternalTool(Path executable) {
        this.executable = executable;
    }

    /** The tool found on PATH, or a failed test naming the tool and how to install it. */
    static ExternalTool require(String name, String installHint) {
        return find(name).orElseGet(() -> fail(name + " is not on PATH (" + System.getenv("PATH") + "). "
                + installHint));
    }

    static Optional<ExternalTool> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new ExternalTool(candidate));
            }
        }
        return Optional.empty();
    }

    /** Starts the tool as a server in {@code workDir}, stdout and stderr into {@code log}; the caller stops it. */
    Process start(Path workDir, Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    /** Runs the tool with the arguments in {@code workDir}; stdout and stderr together. */
    Result run(Path workDir, String... arguments) {
        return runWithInput(workDir, null, arguments);
    }

    /** As {@link #run}, with {@code input} (null = none) on the tool's standard input. */
    Result runWithInput(Path workDir, String input, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("ops-tool-", ".out");
            Path inputFile = input == null ? null : Files.createTempFile("ops-tool-", ".in");
            try {
                if (inputFile != null) {
                    Files.writeString(inputFile, input, StandardCharsets.UTF_8);
                }
                Process process = new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(
                                inputFile == null ? new File("/dev/null") : inputFile.toFile()))
                        .start();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return fail(String.join(" ", command) + " did not finish within " + TIMEOUT);
                }
                return new Result(String.join(" ", command), process.exitValue(),
                        Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
                if (inputFile != null) {
                    Files.deleteIfExists(inputFile);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** What a run printed and how it ended. */
    record Result(String command, int exitCode, String output) {
        /** The output, or a failed test quoting the command and its output. */
        String requireSuccess() {
            if (exitCode != 0) {
                fail(command + " exited with " + exitCode + ":\n" + output);
            }
            return output;
        }
    }
}
