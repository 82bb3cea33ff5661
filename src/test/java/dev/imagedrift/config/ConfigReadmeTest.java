package dev.imagedrift.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's configuration table lists every key of the configuration, one a row, with the default
 * the code applies. A default the code derives from other keys is described in words (no value in
 * backticks at the start of its cell).
 */
class ConfigReadmeTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| ([^|]*) \\|");
    private static final Pattern LEADING_VALUE = Pattern.compile("^`([^`]*)`");

    @Test
    void everyKeyIsDocumentedWithTheCodesDefault() throws IOException {
        Map<String, String> documented = readmeTable();
        Map<String, Object> code = ConfigKeys.of(MonitorConfig.defaults());
        assertEquals(new ArrayList<>(code.keySet()), new ArrayList<>(documented.keySet()),
                "the README's configuration table lists the configuration's keys, in the code's order");
        List<String> wrong = new ArrayList<>();
        code.forEach((key, value) -> {
            String cell = documented.get(key);
            Matcher m = LEADING_VALUE.matcher(cell);
            if (value == null) {
                if (m.find()) wrong.add(key + ": derived in the code, but the README gives `" + m.group(1) + "`");
            } else if (!m.find()) {
                wrong.add(key + ": the README gives no value in backticks; the code's default is " + value);
            } else if (!sameValue(value, m.group(1))) {
                wrong.add(key + ": README `" + m.group(1) + "`, code " + value);
            }
        });
        assertEquals(List.of(), wrong);
    }

    private static boolean sameValue(Object code, String readme) {
        if (code instanceof Duration d) return d.equals(Durations.parse(readme));
        if (code instanceof Number n) return Double.compare(n.doubleValue(), Double.parseDouble(readme)) == 0;
        if (code instanceof Map<?, ?> m) return m.isEmpty() && readme.equals("{}");
        return code.toString().equals(readme);
    }

    private static Map<String, String> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("## Configuration");
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) break;
            Matcher m = ROW.matcher(line);
            if (m.find()) rows.put(m.group(1), m.group(2).trim());
        }
        return rows;
    }
}
