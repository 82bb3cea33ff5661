package dev.imagedrift.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `kubectl kustomize` renders the base and the production overlay; the rendered objects are
 * strictly valid and wired together (names, ports, labels, mounts, contracts of the service).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KustomizeRenderTest {
    private static final String CONFIG_FILE = "/etc/imagedrift/application.yaml";
    private static final String APP_LABEL = "app.kubernetes.io/name";

    private Kustomize kustomize;
    private byte[] snapshot;
    private List<HasMetadata> production;

    @BeforeAll
    void renderProduction(@TempDir Path workDir) throws IOException {
        kustomize = Kustomize.require();
        Path copy = Kustomize.copyOfTheManifests(workDir);
        snapshot = gzip("{\"formatVersion\":1,\"samples\":[]}");
        Path overlay = copy.resolve("k8s/overlays/production");
        Files.write(overlay.resolve("reference.json.gz"), snapshot);
        production = kustomize.render(overlay, "k8s/overlays/production");
    }

    /** Every overlay, present or future, renders into strictly valid objects (with a snapshot in place). */
    @TestFactory
    Stream<DynamicTest> everyOverlayRenders(@TempDir Path workDir) throws IOException {
        Path copy = Kustomize.copyOfTheManifests(workDir);
        List<Path> overlays;
        try (Stream<Path> dirs = Files.list(copy.resolve("k8s/overlays"))) {
            overlays = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(overlays.isEmpty(), "no overlays in k8s/overlays");
        return overlays.stream().map(overlay -> DynamicTest.dynamicTest(overlay.getFileName().toString(), () -> {
            Files.write(overlay.resolve("reference.json.gz"), snapshot);
            List<HasMetadata> rendered = kustomize.render(overlay, "k8s/overlays/" + overlay.getFileName());
            assertEquals(1, rendered.stream().filter(StatefulSet.class::isInstance).count());
        }));
    }

    @Test
    void baseRendersOnItsOwn() {
        List<HasMetadata> base = kustomize.render(ProjectFiles.resolve("k8s/base"), "k8s/base");
        Set<String> kinds = base.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
        assertEquals(Set.of("ServiceAccount", "ConfigMap", "Service", "StatefulSet", "PodDisruptionBudget",
                "PrometheusRule", "ServiceMonitor", "NetworkPolicy", "AlertmanagerConfig"), kinds);
    }

    @Test
    void everythingLandsInTheOverlayNamespace() {
        Namespace namespace = single(Namespace.class);
        for (HasMetadata resource : production) {
            if (!(resource instanceof Namespace)) {
                assertEquals(namespace.getMetadata().getName(), resource.getMetadata().getNamespace(),
                        resource.getKind() + "/" + resource.getMetadata().getName());
            }
        }
        assertEquals("restricted", namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
    }

    @Test
    void containerRunsTheContractCommandAsANonRootUserOnAReadOnlyRoot() {
        PodSpec pod = pod();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertTrue(pod.getSecurityContext().getRunAsUser() > 0);
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertFalse(pod.getAutomountServiceAccountToken());
        Container c = container();
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertTrue(c.getCommand().isEmpty() && c.getArgs().isEmpty(), "the image's ENTRYPOINT and CMD run unchanged");
        assertTrue(c.getImage().contains("image-drift-monitor:") && !c.getImage().endsWith(":latest"),
                "the overlay pins the image: " + c.getImage());
    }

    @Test
    void probesUseTheMetricsPort() {
        Container c = container();
        assertEquals(9400, c.getPorts().stream().filter(p -> "metrics".equals(p.getName())).findFirst()
                .orElseThrow().getContainerPort());
        assertProbe(c.getLivenessProbe(), "/healthz");
        assertProbe(c.getReadinessProbe(), "/readyz");
        assertProbe(c.getStartupProbe(), "/healthz");
    }

    @Test
    void resourcesHoldThePlaceholderFigures() {
        var resources = container().getResources();
        assertEquals(new Quantity("1"), resources.getRequests().get("cpu"));
        assertEquals(new Quantity("1Gi"), resources.getRequests().get("memory"));
        assertEquals(new Quantity("1Gi"), resources.getLimits().get("memory"));
    }

    @Test
    void writableVolumesCoverTheStateDirAndTmp() throws IOException {
        JsonNode config = applicationConfig();
        String stateDir = config.path("kafka").path("state-dir").asText("/var/lib/imagedrift/state");
        Map<String, String> mounts = container().getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
        assertEquals("state", mounts.get(stateDir), "a volume at kafka.state-dir " + stateDir);
        assertTrue(statefulSet().getSpec().getVolumeClaimTemplates().stream()
                .anyMatch(claim -> claim.getMetadata().getName().equals("state")), "state is a persistent claim");
        String tmp = mounts.get("/tmp");
        assertNotNull(tmp, "a writable /tmp");
        assertNotNull(pod().getVolumes().stream().filter(v -> v.getName().equals(tmp)).findFirst().orElseThrow()
                .getEmptyDir());
    }

    @Test
    void configAndSnapshotAreMountedWhereTheServiceReadsThem() throws IOException {
        VolumeMount mount = container().getVolumeMounts().stream()
                .filter(m -> CONFIG_FILE.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
        assertTrue(mount.getReadOnly());
        List<VolumeProjection> sources = pod().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                .findFirst().orElseThrow().getProjected().getSources();
        Map<String, String> files = new java.util.HashMap<>();
        for (VolumeProjection source : sources) {
            ConfigMap map = configMapNamed(source.getConfigMap().getName());
            source.getConfigMap().getItems().forEach(item -> {
                boolean present = map.getData() != null && map.getData().containsKey(item.getKey())
                        || map.getBinaryData() != null && map.getBinaryData().containsKey(item.getKey());
                assertTrue(present, map.getMetadata().getName() + " has no key " + item.getKey());
                files.put(mount.getMountPath() + "/" + item.getPath(), map.getMetadata().getName());
            });
        }
        assertTrue(files.containsKey(CONFIG_FILE), "mounted files: " + files.keySet());
        String snapshotPath = applicationConfig().path("reference").path("snapshot").asText();
        assertTrue(files.containsKey(snapshotPath), snapshotPath + " not among " + files.keySet());
    }

    @Test
    void snapshotTravelsAsBinaryData() {
        ConfigMap reference = production.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(m -> m.getMetadata().getName().startsWith("image-drift-monitor-reference-"))
                .findFirst().orElseThrow(() -> new AssertionError("no hashed reference ConfigMap"));
        assertTrue(reference.getData() == null || reference.getData().isEmpty(), "gzip belongs in binaryData");
        assertArrayEquals(snapshot, Base64.getMimeDecoder().decode(reference.getBinaryData().get("reference.json.gz")));
    }

    @Test
    void kafkaCredentialsComeFromARequiredSecretAndNoSecretIsRendered() {
        assertTrue(production.stream().noneMatch(r -> r.getKind().equals("Secret")), "no Secret in the manifests");
        EnvFromSource secret = container().getEnvFrom().stream().filter(e -> e.getSecretRef() != null).findFirst()
                .orElseThrow();
        assertEquals("image-drift-monitor-kafka", secret.getSecretRef().getName());
        assertFalse(secret.getSecretRef().getOptional(), "production requires the Secret");
        assertTrue(container().getEnv().stream().allMatch(e -> e.getName().startsWith("IMAGEDRIFT_")));
    }

    @Test
    void serviceAndServiceMonitorReachThePods() {
        Map<String, String> podLabels = statefulSet().getSpec().getTemplate().getMetadata().getLabels();
        Service service = single(Service.class);
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        assertEquals(service.getMetadata().getName(), statefulSet().getSpec().getServiceName());
        assertEquals("metrics", service.getSpec().getPorts().get(0).getName());
        assertEquals("metrics", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());

        ServiceMonitor monitor = single(ServiceMonitor.class);
        Map<String, String> serviceLabels = service.getMetadata().getLabels();
        assertTrue(serviceLabels.entrySet().containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()));
        Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
        assertEquals("metrics", endpoint.getPort());
        assertEquals("/metrics", endpoint.getPath());
        // The rules select job="image-drift-monitor"; jobLabel makes the job that label's value.
        assertEquals("image-drift-monitor", serviceLabels.get(monitor.getSpec().getJobLabel()));
        assertTrue(RuleFile.load().alerts().stream().anyMatch(a -> a.expr().contains("job=\"image-drift-monitor\"")));
    }

    @Test
    void prometheusRuleCarriesTheRuleFile() throws IOException {
        PrometheusRule rule = single(PrometheusRule.class);
        String rendered = new KubernetesSerialization().asJson(rule.getSpec().getGroups());
        assertEquals(RuleFile.load().groups(), new ObjectMapper().readTree(rendered));
    }

    @Test
    void dashboardConfigMapIsTheGrafanaFileLabelledForTheSidecar() throws IOException {
        ConfigMap dashboard = configMapNamed("image-drift-monitor-dashboard");
        assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"));
        String json = dashboard.getData().get("image-drift-monitor.json");
        assertEquals(new ObjectMapper().readTree(ProjectFiles.read(DashboardFile.PATH)), new ObjectMapper().readTree(json));
    }

    @Test
    void disruptionBudgetLetsASingleReplicaMove() {
        PodDisruptionBudget pdb = single(PodDisruptionBudget.class);
        assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
        assertTrue(statefulSet().getSpec().getTemplate().getMetadata().getLabels().entrySet()
                .containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
    }

    @Test
    void networkPolicyAdmitsPrometheusAndReachesOnlyDnsAndKafka() {
        NetworkPolicy policy = single(NetworkPolicy.class);
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        assertEquals("image-drift-monitor", policy.getSpec().getPodSelector().getMatchLabels().get(APP_LABEL));
        var ingress = policy.getSpec().getIngress();
        assertEquals(1, ingress.size());
        assertEquals("metrics", ingress.get(0).getPorts().get(0).getPort().getStrVal());
        assertEquals("monitoring", ingress.get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels()
                .get("kubernetes.io/metadata.name"));
        List<Set<String>> egressPorts = policy.getSpec().getEgress().stream().map(KustomizeRenderTest::ports).toList();
        assertEquals(List.of(Set.of("UDP/53", "TCP/53"), Set.of("TCP/9092", "TCP/9093")), egressPorts);
    }

    private static Set<String> ports(NetworkPolicyEgressRule rule) {
        return rule.getPorts().stream().map((NetworkPolicyPort p) -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .collect(Collectors.toSet());
    }

    private static void assertProbe(Probe probe, String path) {
        assertNotNull(probe);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals("metrics", probe.getHttpGet().getPort().getStrVal());
    }

    private JsonNode applicationConfig() throws IOException {
        VolumeProjection config = pod().getVolumes().stream().filter(v -> v.getProjected() != null)
                .flatMap(v -> v.getProjected().getSources().stream())
                .filter(s -> s.getConfigMap().getItems().stream().anyMatch(i -> i.getPath().equals("application.yaml")))
                .findFirst().orElseThrow();
        return new YAMLMapper().readTree(configMapNamed(config.getConfigMap().getName()).getData().get("application.yaml"));
    }

    private ConfigMap configMapNamed(String name) {
        return production.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(m -> m.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + name + " in the rendered overlay"));
    }

    private StatefulSet statefulSet() {
        return single(StatefulSet.class);
    }

    private PodSpec pod() {
        return statefulSet().getSpec().getTemplate().getSpec();
    }

    private Container container() {
        List<Container> containers = pod().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private <T extends HasMetadata> T single(Class<T> type) {
        List<T> found = production.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "rendered " + type.getSimpleName() + " objects");
        return found.get(0);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
