package dev.imagedrift.tools.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real sample photos shipped inside the jar (from the repository's {@code samples/}; sources
 * and licences in samples/LICENSE.md), copied out to a directory so every command can treat them
 * as ordinary files.
 */
public final class BundledSamples {
    private static final String ROOT = "/samples";

    private BundledSamples() {}

    /** Copies {@code samples/<name>} out of the classpath into {@code target}/<name> and returns that directory. */
    public static Path extract(String name, Path target) {
        Path destination = target.resolve(name);
        try {
            Path source = root().resolve(name);
            if (!Files.isDirectory(source)) {
                throw new IllegalStateException("the bundled samples have no folder '" + name + "'");
            }
            Files.createDirectories(destination);
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                    if (Files.isRegularFile(f)) {
                        Files.copy(f, destination.resolve(f.getFileName().toString()));
                    }
                }
            }
            return destination;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the bundled samples '" + name + "' to " + destination, e);
        }
    }

    private static Path root() throws IOException {
        URL marker = BundledSamples.class.getResource(ROOT + "/LICENSE.md");
        if (marker == null) {
            throw new IllegalStateException("the sample images are not on the classpath (build with mvn package)");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fs.getPath(ROOT);
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource location " + marker, e);
        }
    }
}
