package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/** The Alertmanager route the project ships: a plain alertmanager.yml and an AlertmanagerConfig. */
final class AlertmanagerFiles {
    static final String PLAIN = "k8s/alertmanager/alertmanager.yml";
    static final String OPERATOR = "k8s/base/alertmanagerconfig.yaml";
    static final String AMTOOL_HINT = "Install Debian's prometheus-alertmanager package "
            + "(apt-get install prometheus-alertmanager), which brings amtool; .ci/run does this.";
    private static final YAMLMapper YAML = new YAMLMapper();

    private AlertmanagerFiles() {
    }

    static JsonNode plain() {
        return read(PLAIN);
    }

    static JsonNode operator() {
        return read(OPERATOR);
    }

    private static JsonNode read(String path) {
        try {
            return YAML.readTree(ProjectFiles.read(path));
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": not YAML", e);
        }
    }

    /**
     * The shipped plain configuration for a test: every receiver's webhooks replaced by one to
     * {@code webhookUrl}, and the route's waits divided by {@code timeScale} (as ScaledRules does
     * for the rules), so a notification arrives within seconds. Routes, grouping and inhibition
     * stay as shipped.
     */
    static Path writeForTest(String webhookUrl, int timeScale, Path target) throws IOException {
        ObjectNode config = (ObjectNode) plain().deepCopy();
        for (JsonNode receiver : config.path("receivers")) {
            if (receiver.has("webhook_configs")) {
                ArrayNode hooks = ((ObjectNode) receiver).putArray("webhook_configs");
                hooks.addObject().put("url", webhookUrl + "/" + receiver.path("name").asText()).put("send_resolved", true);
            }
        }
        scale(config.path("route"), timeScale);
        YAML.writeValue(target.toFile(), config);
        return target;
    }

    private static void scale(JsonNode route, int factor) {
        for (String field : new String[] {"group_wait", "group_interval", "repeat_interval"}) {
            if (route.has(field)) {
                Duration d = ScaledRules.parse(route.get(field).asText()).dividedBy(factor);
                ((ObjectNode) route).put(field, ScaledRules.format(d.isZero() ? Duration.ofMillis(1) : d));
            }
        }
        route.path("routes").forEach(child -> scale(child, factor));
    }
}
