package dev.imagedrift.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every configuration key with its value, read from the {@link MonitorConfig} records themselves
 * ("window.size" -> 5m), so what the README documents and what {@code run --print-config} shows
 * come from the code's one set of defaults. A null value is a default derived from other keys.
 */
public final class ConfigKeys {
    /** Kafka settings whose values are credentials: never printed. */
    private static final Pattern SECRET = Pattern.compile("password|secret|jaas|token|credential|\\.key$",
            Pattern.CASE_INSENSITIVE);

    private ConfigKeys() {}

    /** Key -> value in declaration order; maps (kafka.properties, reference.per-stream) stay one key each. */
    public static Map<String, Object> of(MonitorConfig config) {
        Map<String, Object> keys = new LinkedHashMap<>();
        collect("", config, keys);
        return keys;
    }

    /** The configuration as "key: value" lines, credentials redacted, durations in the short form. */
    public static String describe(MonitorConfig config) {
        StringBuilder out = new StringBuilder();
        of(config).forEach((key, value) -> out.append(key).append(": ").append(render(key, value)).append('\n'));
        return out.toString();
    }

    private static String render(String key, Object value) {
        if (value == null) return "(derived)";
        if (value instanceof Duration d) return Durations.format(d);
        if (value instanceof Map<?, ?> map && key.equals("kafka.properties")) {
            Map<Object, Object> shown = new LinkedHashMap<>();
            map.forEach((k, v) -> shown.put(k, SECRET.matcher(k.toString()).find() ? "<redacted>" : v));
            return shown.toString();
        }
        return value.toString();
    }

    private static void collect(String prefix, Record record, Map<String, Object> keys) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            String key = prefix + kebab(c.getName());
            Object value = read(c, record);
            if (value instanceof Record nested) {
                collect(key + ".", nested, keys);
            } else {
                keys.put(key, value);
            }
        }
    }

    private static Object read(RecordComponent c, Record record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read configuration key " + c.getName(), e);
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
