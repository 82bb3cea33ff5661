package dev.imagedrift.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Loads {@link MonitorConfig}: the YAML file (optional), then environment overrides, then
 * validation. Environment variables: {@code IMAGEDRIFT_<SECTION>_<KEY>} (dashes as underscores),
 * and {@code IMAGEDRIFT_KAFKA_PROPERTY_<NAME>} for any Kafka setting (dots as underscores), for
 * example {@code IMAGEDRIFT_KAFKA_PROPERTY_SASL_JAAS_CONFIG} sets {@code sasl.jaas.config}.
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = "IMAGEDRIFT_";
    /** Variables with the prefix that are not configuration keys. */
    private static final Set<String> RESERVED = Set.of("IMAGEDRIFT_CONFIG", "IMAGEDRIFT_OPTS", "IMAGEDRIFT_PLUGINS");
    private static final String KAFKA_PROPERTY = "KAFKA_PROPERTY_";
    /** The configuration's sections, read from {@link MonitorConfig}'s components so a new section is known here too. */
    private static final Set<String> SECTIONS = Arrays.stream(MonitorConfig.class.getRecordComponents())
            .map(c -> kebab(c.getName())).collect(Collectors.toUnmodifiableSet());

    private ConfigLoader() {}

    /** Reads {@code file} (null = defaults only), applies {@code env}, validates. */
    public static MonitorConfig load(Path file, Map<String, String> env) {
        ObjectNode tree = file == null ? JsonNodeFactory.instance.objectNode() : readTree(file);
        Map<String, String> origins = applyEnvironment(tree, env);
        MonitorConfig config;
        try {
            config = mapper().treeToValue(tree, MonitorConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String key = keyPath(e);
            throw new ConfigException("unknown configuration key '" + key + "'" + origin(origins, key)
                    + "; known keys here: " + e.getKnownPropertyIds().stream().map(Object::toString)
                    .map(ConfigLoader::kebab).sorted().collect(Collectors.joining(", ")), e);
        } catch (JsonMappingException e) {
            String key = keyPath(e);
            Throwable root = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException("bad value for configuration key '" + key + "'" + origin(origins, key) + ": "
                    + (root instanceof IllegalArgumentException || root instanceof ConfigException
                    ? root.getMessage() : e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration: " + e.getMessage(), e);
        }
        return config.validate();
    }

    private static ObjectNode readTree(Path file) {
        try {
            JsonNode node = mapper().readTree(Files.readString(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": the configuration must be a YAML mapping of sections");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the environment overrides into the tree; returns key path -> variable name. */
    static Map<String, String> applyEnvironment(ObjectNode tree, Map<String, String> env) {
        Map<String, String> origins = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX) || RESERVED.contains(name)) {
                continue;
            }
            String rest = name.substring(ENV_PREFIX.length());
            if (rest.startsWith(KAFKA_PROPERTY)) {
                String property = rest.substring(KAFKA_PROPERTY.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                section(tree, "kafka").with("properties").put(property, e.getValue());
                origins.put("kafka.properties." + property, name);
                continue;
            }
            int cut = rest.indexOf('_');
            String section = (cut < 0 ? rest : rest.substring(0, cut)).toLowerCase(Locale.ROOT);
            if (cut < 0 || !SECTIONS.contains(section)) {
                throw new ConfigException("environment variable " + name + " names no configuration section; "
                        + "use IMAGEDRIFT_<SECTION>_<KEY> with SECTION one of " + new TreeMap<>(
                        SECTIONS.stream().collect(Collectors.toMap(s -> s, s -> s))).keySet());
            }
            String key = rest.substring(cut + 1).toLowerCase(Locale.ROOT).replace('_', '-');
            section(tree, section).put(key, e.getValue());
            origins.put(section + "." + key, name);
        }
        return origins;
    }

    private static ObjectNode section(ObjectNode tree, String name) {
        JsonNode node = tree.get(name);
        if (node == null || node.isNull()) {
            return tree.putObject(name);
        }
        if (!node.isObject()) {
            throw new ConfigException("configuration section '" + name + "' must be a mapping");
        }
        return (ObjectNode) node;
    }

    private static String origin(Map<String, String> origins, String key) {
        String var = origins.get(key);
        return var == null ? "" : " (from " + var + ")";
    }

    private static String keyPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /** camelCase to kebab-case: "maxSamples" becomes "max-samples". */
    static String kebab(String camel) {
        return ConfigKeys.kebab(camel);
    }

    static ObjectMapper mapper() {
        SimpleModule durations = new SimpleModule("durations");
        durations.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Durations.parse(p.getValueAsString());
            }
        });
        return new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(durations);
    }
}
