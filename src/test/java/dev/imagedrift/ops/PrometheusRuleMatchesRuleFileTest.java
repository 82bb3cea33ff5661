package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The PrometheusRule of the kustomize base carries exactly the groups of the plain rule file. */
class PrometheusRuleMatchesRuleFileTest {
    static final String PROMETHEUS_RULE = "k8s/base/prometheusrule.yaml";

    @Test
    void groupsAreIdentical() throws IOException {
        JsonNode rule = new YAMLMapper().readTree(ProjectFiles.read(PROMETHEUS_RULE));
        assertEquals("PrometheusRule", rule.path("kind").asText());
        assertEquals(RuleFile.load().groups(), rule.path("spec").path("groups"),
                PROMETHEUS_RULE + " spec.groups differ from " + RuleFile.PATH + ": edit both together");
    }
}
