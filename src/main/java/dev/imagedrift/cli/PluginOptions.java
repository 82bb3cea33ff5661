package dev.imagedrift.cli;

import dev.imagedrift.properties.PropertySet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where custom properties come from: the classpath (a {@code java -cp} launch) plus every jar in a
 * plugins directory, so they also work with {@code java -jar}, whose classpath is the jar alone.
 */
final class PluginOptions {
    /** The environment variable naming the plugins directory when {@code --plugins} is not given. */
    static final String ENV = "IMAGEDRIFT_PLUGINS";

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Directory of plugin jars: custom properties (ImagePropertyProvider services) and the ONNX "
                    + "embedder (image-drift-onnx.jar); default: $"
                    + ENV + ", else none.")
    Path directory;

    private ClassLoader loader;

    /** The seven built-ins and every custom property found; a usage error names a directory that cannot be read. */
    PropertySet properties(CommandSpec spec) {
        return PropertySet.discover(classLoader(spec));
    }

    /**
     * The classpath plus the plugins directory's jars (custom properties, the ONNX embedder); one
     * loader per command, never closed: the plugins' classes are used for the rest of the process.
     */
    ClassLoader classLoader(CommandSpec spec) {
        if (loader != null) {
            return loader;
        }
        Path dir = directory != null ? directory
                : System.getenv(ENV) != null && !System.getenv(ENV).isBlank() ? Path.of(System.getenv(ENV)) : null;
        if (dir == null) {
            loader = PluginOptions.class.getClassLoader();
        } else if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "plugins directory " + dir + " is not a directory");
        } else {
            loader = new URLClassLoader(jars(spec, dir), PluginOptions.class.getClassLoader());
        }
        return loader;
    }

    private static URL[] jars(CommandSpec spec, Path dir) {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()::iterator) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot list plugins directory " + dir + ": " + e);
        }
        return urls.toArray(URL[]::new);
    }
}
