package dev.imagedrift.ops;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict reader catches what it exists to catch. */
class StrictManifestsTest {
    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: s}
            spec:
              replicas: REPLICAS
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: c
                      image: i
                      FIELD: {httpGet: {path: /healthz, port: metrics}}
            """;

    @Test
    void readsEveryDocumentTyped() {
        List<HasMetadata> resources = StrictManifests.read(statefulSet("1", "readinessProbe") + """
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: m}
                spec:
                  selector: {matchLabels: {a: b}}
                  endpoints: [{port: metrics, interval: 30s}]
                """, "two.yaml");
        assertInstanceOf(StatefulSet.class, resources.get(0));
        assertInstanceOf(ServiceMonitor.class, resources.get(1));
        assertEquals(2, resources.size());
    }

    @Test
    void reportsAMisspeltFieldWithItsPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrictManifests.read(statefulSet("1", "readynessProbe"), "typo.yaml"));
        assertTrue(e.getMessage().contains("typo.yaml StatefulSet/s"), e.getMessage());
        assertTrue(e.getMessage().contains(".spec.template.spec.containers[0].readynessProbe"), e.getMessage());
    }

    @Test
    void readsCustomResourceFieldsUnderTheirJsonNames() {
        PrometheusRule rule = (PrometheusRule) StrictManifests.read(prometheusRule("keep_firing_for"), "rule.yaml").get(0);
        assertEquals("5m", rule.getSpec().getGroups().get(0).getRules().get(0).getKeepFiringFor());
    }

    @Test
    void reportsAMisspeltFieldInACustomResource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrictManifests.read(prometheusRule("keepFiringFor"), "rule.yaml"));
        assertTrue(e.getMessage().contains(".spec.groups[0].rules[0].keepFiringFor"),
                "the CRD field is keep_firing_for: " + e.getMessage());
    }

    @Test
    void rejectsAWrongType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrictManifests.read(statefulSet("two", "readinessProbe"), "type.yaml"));
        assertTrue(e.getMessage().startsWith("type.yaml StatefulSet/s"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StrictManifests.read("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                """, "widget.yaml"));
        assertTrue(e.getMessage().contains("unknown kind example.com/v1/Widget"), e.getMessage());
    }

    private static String prometheusRule(String keepFiringField) {
        return """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: r}
                spec:
                  groups:
                    - name: g
                      rules: [{alert: A, expr: up == 0, FIELD: 5m}]
                """.replace("FIELD", keepFiringField);
    }

    private static String statefulSet(String replicas, String probeField) {
        return STATEFUL_SET.replace("REPLICAS", replicas).replace("FIELD", probeField);
    }
}
