package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes manifests into the fabric8 model and refuses what the API server would
 * refuse or silently drop: a wrong type throws, and a field the model does not know (a typo)
 * lands in {@code additionalProperties}, which this class walks and reports. The
 * prometheus-operator kinds (ServiceMonitor, PrometheusRule) come typed from
 * openshift-model-monitoring, so they get the same strict check.
 */
final class StrictManifests {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StrictManifests() {
    }

    /** Every document of a (multi-document) YAML text, typed; throws naming the source on any problem. */
    static List<HasMetadata> read(String yaml, String source) {
        List<HasMetadata> resources = new ArrayList<>();
        List<JsonNode> documents;
        try {
            documents = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not YAML: " + e.getMessage(), e);
        }
        for (JsonNode document : documents) {
            if (document == null || document.isNull() || document.isMissingNode()) {
                continue;
            }
            resources.add(readOne(document, source));
        }
        return resources;
    }

    private static HasMetadata readOne(JsonNode document, String source) {
        String kind = document.path("kind").asText();
        String name = source + " " + kind + "/" + document.path("metadata").path("name").asText();
        if (kind.isEmpty() || document.path("apiVersion").asText().isEmpty()) {
            throw new IllegalArgumentException(source + ": a document without kind or apiVersion");
        }
        KubernetesResource resource;
        try {
            resource = SERIALIZATION.unmarshal(JSON.writeValueAsString(document), KubernetesResource.class);
        } catch (RuntimeException | IOException e) {
            throw new IllegalArgumentException(name + ": does not match the Kubernetes model: " + e.getMessage(), e);
        }
        if (resource instanceof GenericKubernetesResource || !(resource instanceof HasMetadata typed)) {
            throw new IllegalArgumentException(name + ": unknown kind " + document.path("apiVersion").asText()
                    + "/" + kind);
        }
        List<String> unknown = unknownFields(typed);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(name + ": unknown fields (misspelt?) " + unknown);
        }
        return typed;
    }

    /** Paths of every field the model did not recognise, anywhere in the object. */
    static List<String> unknownFields(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "[" + k + "]", found));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
            } else {
                walk(child, path + "." + decapitalize(getter.getName().substring(3)), found);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
