package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time-scaled copy of a Prometheus rule file, for a test that runs the product with short
 * windows: each alert's {@code for} and {@code keep_firing_for} divided by a factor (60: a
 * production minute becomes a second, matching 5 s test windows for the 5 m default). Expressions
 * stay as they are; only the alerts' timing changes.
 */
final class ScaledRules {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");
    private static final List<String> TIMED = List.of("for", "keep_firing_for");

    private ScaledRules() {
    }

    /** Writes the scaled copy of {@code source} (a path under the project root) to {@code target}. */
    static Path write(String source, int factor, Path target) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode root = yaml.readTree(ProjectFiles.read(source));
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                for (String field : TIMED) {
                    if (rule.has(field)) {
                        ((ObjectNode) rule).put(field, format(parse(rule.get(field).asText()).dividedBy(factor)));
                    }
                }
            }
        }
        yaml.writeValue(target.toFile(), root);
        return target;
    }

    /** A Prometheus duration ("90s", "1h30m", "250ms"). */
    static Duration parse(String text) {
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            });
            end = m.end();
        }
        if (end == 0 || end != text.length()) {
            throw new IllegalArgumentException("not a Prometheus duration: '" + text + "'");
        }
        return total;
    }

    /** In Prometheus' notation: whole seconds as "Ns", else milliseconds. */
    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
