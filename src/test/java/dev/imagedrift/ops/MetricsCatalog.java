package dev.imagedrift.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The metrics docs/METRICS.md promises, read from its tables: name, labels, and whether it is a
 * histogram (then only its {@code _bucket}, {@code _count} and {@code _sum} series exist).
 * Rows like {@code `jvm_*`} admit every name with that prefix.
 */
final class MetricsCatalog {
    record Metric(String name, Set<String> labels, boolean histogram) {
    }

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_count", "_sum");

    private final Map<String, Metric> metrics;
    private final List<String> prefixes;

    private MetricsCatalog(Map<String, Metric> metrics, List<String> prefixes) {
        this.metrics = metrics;
        this.prefixes = prefixes;
    }

    static MetricsCatalog load() {
        return parse(ProjectFiles.read("docs/METRICS.md"));
    }

    static MetricsCatalog parse(String markdown) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        List<String> prefixes = new ArrayList<>();
        boolean histograms = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("## ")) {
                histograms = line.toLowerCase().contains("histogram");
                continue;
            }
            if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| name")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 3) {
                continue;
            }
            Set<String> labels = Arrays.stream(cells[2].replace("`", "").split(","))
                    .map(String::trim)
                    .filter(label -> !label.isEmpty() && !label.equals("none"))
                    .collect(Collectors.toUnmodifiableSet());
            Matcher names = CODE.matcher(cells[1]);
            while (names.find()) {
                String name = names.group(1).trim();
                if (name.endsWith("*")) {
                    prefixes.add(name.substring(0, name.length() - 1));
                } else {
                    metrics.put(name, new Metric(name, labels, histograms));
                }
            }
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("no metric tables found in METRICS.md");
        }
        return new MetricsCatalog(metrics, List.copyOf(prefixes));
    }

    /** The documented metric a series name belongs to (a histogram's series map to the histogram). */
    Optional<Metric> lookup(String series) {
        Metric exact = metrics.get(series);
        if (exact != null) {
            return exact.histogram() ? Optional.empty() : Optional.of(exact);
        }
        for (String suffix : HISTOGRAM_SUFFIXES) {
            if (series.endsWith(suffix)) {
                Metric base = metrics.get(series.substring(0, series.length() - suffix.length()));
                if (base != null && base.histogram()) {
                    return Optional.of(base);
                }
            }
        }
        return Optional.empty();
    }

    /** Names admitted by a wildcard row ({@code jvm_*}, {@code process_*}); their labels are not listed. */
    boolean admitsByPrefix(String series) {
        return prefixes.stream().anyMatch(series::startsWith);
    }

    Set<String> names() {
        return metrics.keySet();
    }
}
