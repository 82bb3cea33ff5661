package dev.imagedrift.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The metric selectors of a PromQL expression: each metric name with its label matchers. A small
 * lexer, enough to tell metric names from functions, keywords, grouping labels, strings and
 * durations; syntax itself is promtool's job.
 */
final class PromqlSelectors {
    /** One selector: {@code metric{label op "value", ...}}; matchers map label to e.g. {@code =~"$stream"}. */
    record Selector(String metric, Map<String, String> matchers) {
    }

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    private final String text;
    private int pos;

    private PromqlSelectors(String text) {
        this.text = text;
    }

    static List<Selector> of(String expr) {
        return new PromqlSelectors(expr).selectors();
    }

    private List<Selector> selectors() {
        List<Selector> found = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"' || c == '\'' || c == '`') {
                readString();
            } else if (c == '#') {
                skipTo('\n');
            } else if (c == '[') {
                skipTo(']');
            } else if (c == '{') {
                readMatchers(); // a selector without a metric name
            } else if (isIdentifierStart(c)) {
                String word = readIdentifier();
                char next = peekNonSpace();
                String lower = word.toLowerCase(Locale.ROOT);
                if (GROUPING.contains(lower)) {
                    if (next == '(') {
                        skipTo(')');
                    }
                } else if (KEYWORDS.contains(lower) || AGGREGATIONS.contains(lower) || next == '(') {
                    // an operator, an aggregation or a function
                } else {
                    found.add(new Selector(word, next == '{' ? readMatchers() : Map.of()));
                }
            } else if (Character.isDigit(c) || c == '$') {
                readWord(); // numbers, durations, Grafana variables
            } else {
                pos++;
            }
        }
        return found;
    }

    private Map<String, String> readMatchers() {
        Map<String, String> matchers = new LinkedHashMap<>();
        pos = text.indexOf('{', pos) + 1;
        while (pos < text.length()) {
            char c = peekNonSpace();
            if (c == '}') {
                pos++;
                break;
            }
            if (c == ',') {
                pos++;
                continue;
            }
            if (!isIdentifierStart(c)) {
                throw new IllegalArgumentException("unexpected '" + c + "' in label matchers of: " + text);
            }
            String label = readIdentifier();
            peekNonSpace();
            int opStart = pos;
            while (pos < text.length() && "=!~".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String op = text.substring(opStart, pos);
            peekNonSpace();
            matchers.put(label, op + readString());
        }
        return matchers;
    }

    /** Reads a quoted string at pos and returns it with its quotes. */
    private String readString() {
        int start = pos;
        char quote = text.charAt(pos++);
        while (pos < text.length() && text.charAt(pos) != quote) {
            pos += text.charAt(pos) == '\\' && quote != '`' ? 2 : 1;
        }
        pos++;
        return text.substring(start, Math.min(pos, text.length()));
    }

    private String readIdentifier() {
        int start = pos;
        while (pos < text.length() && (isIdentifierStart(text.charAt(pos)) || Character.isDigit(text.charAt(pos)))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void readWord() {
        pos++;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "._{}$".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
    }

    private void skipTo(char end) {
        int at = text.indexOf(end, pos);
        pos = at < 0 ? text.length() : at + 1;
    }

    private char peekNonSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }
}
