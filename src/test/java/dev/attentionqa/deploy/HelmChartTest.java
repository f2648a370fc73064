package dev.attentionqa.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** helm lint --strict and helm template for each value set: security, probes, volumes and env names. */
class HelmChartTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "gpu", "keda", "existing-secret", "model-image", "page"})
    void lintsStrictlyClean(String set) throws Exception {
        HelmTool.Result lint = Charts.lint(set);
        assertThat(lint.exitCode()).as("helm lint --strict (%s):%n%s%s", set, lint.stdout(), lint.stderr()).isZero();
        assertThat(lint.stdout()).contains("0 chart(s) failed").doesNotContain("[WARNING]", "[ERROR]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "gpu", "keda", "existing-secret", "model-image", "page"})
    void runsEveryContainerRestricted(String set) throws Exception {
        Rendered r = Charts.render(set);
        for (JsonNode workload : List.of(r.one("Deployment"), r.testJob())) {
            JsonNode pod = Rendered.podSpec(workload);
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            for (JsonNode c : Rendered.allContainers(workload)) {
                JsonNode sc = c.path("securityContext");
                assertThat(sc.path("allowPrivilegeEscalation").isBoolean()).as("%s allowPrivilegeEscalation set", c.path("name")).isTrue();
                assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).isFalse();
                assertThat(sc.path("privileged").asBoolean()).isFalse();
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as("%s readOnlyRootFilesystem", c.path("name")).isTrue();
                assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
                assertThat(texts(sc.path("capabilities").path("drop"))).containsExactly("ALL");
                assertThat(sc.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "gpu", "keda", "existing-secret", "model-image", "page"})
    void givesTheWorkerWritableEmptyDirsForTmpAndNativeCaches(String set) throws Exception {
        Rendered r = Charts.render(set);
        for (JsonNode workload : List.of(r.one("Deployment"), r.testJob())) {
            JsonNode container = Rendered.allContainers(workload).stream().filter(c -> !c.path("name").asText().equals("copy-model"))
                    .findFirst().orElseThrow();
            assertThat(Rendered.envValue(container, "JAVA_TOOL_OPTIONS")).contains("-Dorg.bytedeco.javacpp.cachedir=/var/cache/javacpp");
            for (String path : List.of("/tmp", "/var/cache/javacpp", Rendered.envValue(container, "DJL_CACHE_DIR"))) {
                String volume = mountedVolume(container, path);
                assertThat(volumeSource(workload, volume).has("emptyDir")).as("%s is an emptyDir", path).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "gpu", "keda", "existing-secret", "model-image", "page"})
    void probesTheQuarkusHealthEndpointsOnTheManagementPort(String set) throws Exception {
        JsonNode worker = Charts.render(set).worker();
        assertThat(worker.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(worker.path("ports").get(0).path("name").asText()).isEqualTo("http");
        assertThat(worker.path("ports").get(1).path("containerPort").asInt()).isEqualTo(9000);
        assertThat(worker.path("ports").get(1).path("name").asText()).isEqualTo("management");
        assertThat(worker.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
        assertThat(worker.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(worker.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(worker.path(probe).path("httpGet").path("port").asText()).isEqualTo("management");
        }
        assertThat(worker.path("resources").path("requests").path("cpu").isMissingNode()).isFalse();
        assertThat(worker.path("resources").path("limits").path("memory").isMissingNode()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "gpu", "keda", "existing-secret", "model-image", "exactly-once"})
    void setsOnlyEnvironmentNamesTheApplicationReads(String set) throws Exception {
        Rendered r = Charts.render(set);
        Set<String> known = ApplicationEnv.all();
        JsonNode worker = r.worker();
        JsonNode sender = Rendered.container(r.testJob(), "send");
        assertThat(Rendered.envNames(worker)).isSubsetOf(known)
                .contains("KAFKA_BOOTSTRAP_SERVERS", "QA_GROUP_ID", "QA_TOPIC_REQUESTS", "QA_TOPIC_ANSWERS", "QA_TOPIC_DEAD_LETTERS");
        assertThat(Rendered.envNames(sender)).isSubsetOf(known);
        for (String kafka : Rendered.envNames(worker).stream().filter(n -> n.startsWith("KAFKA_") || n.startsWith("QA_TOPIC_")).toList()) {
            assertThat(Rendered.env(sender, kafka)).as("helm test Job sees %s like the worker", kafka)
                    .contains(Rendered.env(worker, kafka).orElseThrow());
        }
    }

    @org.junit.jupiter.api.Test
    void readsTheEnvNamesFromTheApplicationsOwnSources() throws Exception {
        assertThat(ApplicationEnv.fromProperties()).contains("KAFKA_BOOTSTRAP_SERVERS", "QA_GROUP_ID", "QA_TOPIC_REQUESTS");
        assertThat(ApplicationEnv.fromConfigurationDoc()).contains("QA_MODEL_DIR", "QA_ENGINE_INTRA_OP_THREADS", "QA_MODEL_NAME");
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.toList());
    }

    static String mountedVolume(JsonNode container, String path) {
        return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                .filter(m -> path.equals(m.path("mountPath").asText())).map(m -> m.path("name").asText()).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path + " in " + container.path("name")));
    }

    static JsonNode volumeSource(JsonNode workload, String name) {
        return StreamSupport.stream(Rendered.podSpec(workload).path("volumes").spliterator(), false)
                .filter(v -> name.equals(v.path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }
}
