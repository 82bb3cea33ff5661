package dev.imagedrift.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository's operations files, resolved from the Maven base directory. */
final class ProjectFiles {
    private ProjectFiles() {
    }

    /** The project root: Maven's {@code basedir}, else the working directory (both hold pom.xml). */
    static Path root() {
        Path root = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new IllegalStateException("no pom.xml in " + root + ": run the tests from the project root");
        }
        return root;
    }

    static Path resolve(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("missing project file " + relative);
        }
        return path;
    }

    static String read(String relative) {
        try {
            return Files.readString(resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative, e);
        }
    }
}
