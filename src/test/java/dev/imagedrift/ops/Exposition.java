package dev.imagedrift.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The samples of a Prometheus text exposition (format 0.0.4): series name, labels, value. */
final class Exposition {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Exposition(List<Sample> samples) {
        this.samples = samples;
    }

    static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNumber + " is no sample: " + line, e);
            }
        }
        return new Exposition(List.copyOf(samples));
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        int rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int pos = brace + 1;
            while (line.charAt(pos) != '}') {
                int eq = line.indexOf('=', pos);
                String label = line.substring(pos, eq).trim();
                StringBuilder value = new StringBuilder();
                pos = eq + 2; // past ="
                while (line.charAt(pos) != '"') {
                    char c = line.charAt(pos++);
                    if (c == '\\') {
                        char escaped = line.charAt(pos++);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                pos++;
                if (line.charAt(pos) == ',') {
                    pos++;
                }
            }
            rest = pos + 1;
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String value = line.substring(rest).trim().split(" ")[0];
        return new Sample(name, labels, Double.parseDouble(value.replace("+Inf", "Infinity")
                .replace("-Inf", "-Infinity")));
    }

    List<Sample> samples() {
        return samples;
    }

    Set<String> names() {
        return samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
    }

    List<Sample> series(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one series with this name and these labels (all of its labels), if present. */
    Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .map(Sample::value).findFirst();
    }

    /** Streams any series is labelled with. */
    Set<String> streams() {
        return samples.stream().map(s -> s.labels().get("stream")).filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
