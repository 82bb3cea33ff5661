package dev.imagedrift.ops;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/** Renders kustomizations with `kubectl kustomize` (offline) and reads the result strictly. */
final class Kustomize {
    static final String KUBECTL_HINT = "The manifests need kubectl with kustomize v5 (kubectl 1.27 or later). "
            + "This machine image ships one (package kubectl, 1.32); Debian's kubernetes-client (1.20, "
            + "kustomize v2) is too old.";
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");

    private final ExternalTool kubectl;

    private Kustomize(ExternalTool kubectl) {
        this.kubectl = kubectl;
    }

    /** kubectl with a recent enough kustomize, or a failed test saying what is missing. */
    static Kustomize require() {
        ExternalTool kubectl = ExternalTool.require("kubectl", KUBECTL_HINT);
        String version = kubectl.run(ProjectFiles.root(), "version", "--client").requireSuccess();
        Matcher m = KUSTOMIZE_VERSION.matcher(version);
        if (!m.find() || Integer.parseInt(m.group(1)) < 5) {
            fail("kubectl's kustomize is too old or unknown:\n" + version + "\n" + KUBECTL_HINT);
        }
        return new Kustomize(kubectl);
    }

    /** The rendered objects of the kustomization in {@code directory}. */
    List<HasMetadata> render(Path directory, String name) {
        String yaml = kubectl.run(directory, "kustomize", ".").requireSuccess();
        return StrictManifests.read(yaml, "rendered " + name);
    }

    /**
     * A copy of k8s/ and grafana/ (the dashboard source) in {@code workDir}, so a test can add
     * the files an operator adds before applying (the reference snapshot) without touching the
     * repository.
     */
    static Path copyOfTheManifests(Path workDir) throws IOException {
        Path root = ProjectFiles.root();
        for (String tree : List.of("k8s", "grafana")) {
            try (Stream<Path> files = Files.walk(root.resolve(tree))) {
                for (Path source : files.filter(Files::isRegularFile).toList()) {
                    Path relative = root.relativize(source);
                    if (relative.startsWith("grafana/schema-check")) {
                        continue;
                    }
                    Path target = workDir.resolve(relative.toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
            }
        }
        return workDir;
    }
}
