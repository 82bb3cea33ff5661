package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The jsonnet monitoring mixin in mixin/, rendered with the jsonnet command (Debian's jsonnet package). */
final class Mixin {
    /** Text files (YAML) and JSON files (dashboards), as mixin/generate.sh renders them. */
    static final String FILES = "mixin/files.jsonnet";
    static final String DASHBOARDS = "mixin/dashboards.jsonnet";
    static final String JSONNET_HINT = "Install Debian's jsonnet package (apt-get install jsonnet); .ci/run does this.";

    private final ExternalTool jsonnet = ExternalTool.require("jsonnet", JSONNET_HINT);

    /**
     * The mixin with {@code configOverride} (a jsonnet object body merged into _config, e.g.
     * {@code selector: 'job="x"'}), as JSON: prometheusAlerts, prometheusRules, grafanaDashboards.
     */
    JsonNode render(String configOverride) {
        String program = "local m = (import 'mixin/mixin.libsonnet') + { _config+:: { " + configOverride + " } };\n"
                + "{ prometheusAlerts: m.prometheusAlerts, prometheusRules: m.prometheusRules, "
                + "grafanaDashboards: m.grafanaDashboards }";
        String json = jsonnet.run(ProjectFiles.root(), "-e", program).requireSuccess();
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("jsonnet printed no JSON:\n" + json, e);
        }
    }

    /** The files the mixin renders (path under the project root to content), as generate.sh writes them. */
    Map<String, String> renderFiles(Path workDir) throws IOException {
        List<String> paths = new ArrayList<>();
        for (String source : List.of(FILES, DASHBOARDS)) {
            String listing = jsonnet.run(ProjectFiles.root(), "-e", "std.objectFields(import '" + source + "')")
                    .requireSuccess();
            new ObjectMapper().readTree(listing).forEach(p -> paths.add(p.asText()));
        }
        for (String path : paths) {
            Files.createDirectories(workDir.resolve(path).getParent());
        }
        jsonnet.run(ProjectFiles.root(), "--string", "--multi", workDir.toString(), FILES).requireSuccess();
        jsonnet.run(ProjectFiles.root(), "--multi", workDir.toString(), DASHBOARDS).requireSuccess();
        Map<String, String> files = new LinkedHashMap<>();
        for (String path : paths) {
            files.put(path, Files.readString(workDir.resolve(path)));
        }
        return files;
    }
}
