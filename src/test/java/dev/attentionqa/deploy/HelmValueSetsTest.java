package dev.attentionqa.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionqa.testing.KafkaTlsEnv;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.attentionqa.deploy.HelmChartTest.mountedVolume;
import static dev.attentionqa.deploy.HelmChartTest.texts;
import static dev.attentionqa.deploy.HelmChartTest.volumeSource;
import static org.assertj.core.api.Assertions.assertThat;

/** What each value set (src/test/resources/deploy) changes in the rendered manifests. */
class HelmValueSetsTest {

    @Test
    void defaultsRunOneCpuWorkerOnTheEmbeddedModelWithAPdbAndNoAutoscaler() throws Exception {
        Rendered r = Charts.render("default");
        assertThat(r.kinds()).containsExactlyInAnyOrder("ServiceAccount", "Service", "Deployment", "PodDisruptionBudget",
                "NetworkPolicy", "ConfigMap", "Job");
        JsonNode worker = r.worker();
        assertThat(worker.path("image").asText()).isEqualTo("attention-qa-worker:0.1.0");
        assertThat(texts(worker.path("args"))).containsExactly("serve");
        assertThat(Rendered.envNames(worker)).doesNotContain("QA_MODEL_DIR", "KAFKA_SASL_JAAS_CONFIG");
        assertThat(Rendered.envValue(worker, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("PLAINTEXT");
        assertThat(worker.path("resources").path("limits").has("nvidia.com/gpu")).isFalse();
        assertThat(r.one("Deployment").path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(r.one("PodDisruptionBudget").path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
        assertThat(Rendered.envValue(worker, "QA_DELIVERY_MODE")).isEqualTo("at-least-once");
        assertThat(Rendered.envNames(worker)).doesNotContain("QA_DELIVERY_TRANSACTIONAL_ID");
        assertThat(Rendered.envValue(worker, "QA_BATCHING_MAX_REQUESTS")).isEqualTo("32");
        assertThat(Rendered.envNames(worker)).as("the page is off by default").doesNotContain("QA_PAGE_ENABLED", "QA_PAGE_TOKEN");
    }

    @Test
    void theNetworkPolicyAdmitsOnlyTheManagementPortUnlessThePageIsEnabled() throws Exception {
        Rendered closed = Charts.render("default");
        JsonNode policy = closed.one("NetworkPolicy");
        assertThat(texts(policy.path("spec").path("policyTypes"))).containsExactly("Ingress");
        assertThat(policy.path("spec").path("podSelector").path("matchLabels"))
                .isEqualTo(closed.one("Deployment").path("spec").path("selector").path("matchLabels"));
        JsonNode ingress = policy.path("spec").path("ingress");
        assertThat(ingress).hasSize(1);
        assertThat(ingress.get(0).path("ports").get(0).path("port").asText()).isEqualTo("management");
        assertThat(ingress.get(0).path("from").get(0).path("podSelector").isEmpty()).as("this namespace's pods").isTrue();
        assertThat(ingress.get(0).path("from").get(1).path("namespaceSelector").path("matchLabels")
                .path("kubernetes.io/metadata.name").asText()).isEqualTo("monitoring");
        JsonNode service = closed.one("Service");
        assertThat(service.path("spec").path("ports")).hasSize(1);
        assertThat(service.path("spec").path("ports").get(0).path("name").asText()).isEqualTo("management");
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(9000);

        Rendered open = Charts.render("page");
        JsonNode openIngress = open.one("NetworkPolicy").path("spec").path("ingress");
        assertThat(openIngress).hasSize(2);
        assertThat(openIngress.get(1).path("ports").get(0).path("port").asText()).isEqualTo("http");
        assertThat(open.one("Service").path("spec").path("ports")).hasSize(2);
    }

    @Test
    void thePageTakesItsTokenFromAnExistingSecret() throws Exception {
        JsonNode worker = Charts.render("page").worker();
        assertThat(Rendered.envValue(worker, "QA_PAGE_ENABLED")).isEqualTo("true");
        JsonNode ref = Rendered.env(worker, "QA_PAGE_TOKEN").orElseThrow().path("valueFrom").path("secretKeyRef");
        assertThat(ref.path("name").asText()).isEqualTo("qa-page");
        assertThat(ref.path("key").asText()).isEqualTo("token");
        assertThat(Rendered.env(worker, "QA_PAGE_TOKEN").orElseThrow().has("value")).as("no secret in the chart").isFalse();
    }

    @Test
    void exactlyOnceGivesEachPodItsOwnTransactionalIdFromItsName() throws Exception {
        JsonNode worker = Charts.render("exactly-once").worker();
        assertThat(Rendered.envValue(worker, "QA_DELIVERY_MODE")).isEqualTo("exactly-once");
        assertThat(Rendered.envValue(worker, "QA_DELIVERY_TRANSACTIONAL_ID")).isEqualTo("qa-eos-$(POD_NAME)");
        assertThat(Rendered.env(worker, "POD_NAME").orElseThrow().path("valueFrom").path("fieldRef").path("fieldPath")
                .asText()).isEqualTo("metadata.name");
        List<String> names = Rendered.envNames(worker);
        assertThat(names.indexOf("POD_NAME")).as("defined before the variable that refers to it")
                .isLessThan(names.indexOf("QA_DELIVERY_TRANSACTIONAL_ID"));
        assertThat(Rendered.envValue(worker, "QA_BATCHING_MAX_REQUESTS")).isEqualTo("8");
    }

    @Test
    void gpuSelectsTheGpuImageAGpuLimitAndGpuNodes() throws Exception {
        Rendered r = Charts.render("gpu");
        JsonNode pod = Rendered.podSpec(r.one("Deployment"));
        JsonNode worker = r.worker();
        assertThat(worker.path("image").asText()).isEqualTo("attention-qa-worker:0.1.0-gpu");
        assertThat(worker.path("resources").path("limits").path("nvidia.com/gpu").asInt()).isEqualTo(1);
        assertThat(pod.path("runtimeClassName").asText()).isEqualTo("nvidia");
        assertThat(pod.path("nodeSelector").path("nvidia.com/gpu.present").asText()).isEqualTo("true");
        assertThat(pod.path("nodeSelector").path("kubernetes.io/os").asText()).isEqualTo("linux");
        assertThat(pod.path("tolerations").get(0).path("key").asText()).isEqualTo("nvidia.com/gpu");
        JsonNode sender = Rendered.container(r.testJob(), "send");
        assertThat(sender.path("image").asText()).as("helm test runs `send` on the CPU image").isEqualTo("attention-qa-worker:0.1.0");
        assertThat(sender.path("resources").path("limits").has("nvidia.com/gpu")).isFalse();
    }

    @Test
    void kedaScalesOnTheWorkersOwnGroupAndTopicCappedAtThePartitions() throws Exception {
        Rendered r = Charts.render("keda");
        JsonNode scaled = r.one("ScaledObject");
        JsonNode trigger = scaled.path("spec").path("triggers").get(0);
        JsonNode worker = r.worker();
        assertThat(trigger.path("type").asText()).isEqualTo("kafka");
        assertThat(trigger.path("metadata").path("consumerGroup").asText()).isEqualTo(Rendered.envValue(worker, "QA_GROUP_ID"));
        assertThat(trigger.path("metadata").path("topic").asText()).isEqualTo(Rendered.envValue(worker, "QA_TOPIC_REQUESTS"));
        assertThat(trigger.path("metadata").path("bootstrapServers").asText()).isEqualTo(Rendered.envValue(worker, "KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(trigger.path("metadata").path("allowIdleConsumers").asText()).isEqualTo("false");
        assertThat(scaled.path("spec").path("maxReplicaCount").asInt()).isEqualTo(6);
        assertThat(scaled.path("spec").path("minReplicaCount").asInt()).isZero();
        assertThat(scaled.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(r.one("Deployment").path("metadata").path("name").asText());
        assertThat(r.one("Deployment").path("spec").has("replicas")).as("the autoscaler owns replicas").isFalse();
        assertThat(r.find("HorizontalPodAutoscaler")).isEmpty();
        JsonNode monitor = r.one("ServiceMonitor");
        assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.path("spec").path("endpoints").get(0).path("port").asText()).isEqualTo("management");
        assertThat(monitor.path("metadata").path("labels").path("release").asText()).isEqualTo("prometheus");
    }

    @Test
    void existingSecretsFeedSaslTlsAndKedaWithoutAnySecretInTheChart() throws Exception {
        Rendered r = Charts.render("existing-secret");
        JsonNode worker = r.worker();
        assertThat(r.kinds()).doesNotContain("Secret");
        assertThat(Rendered.envValue(worker, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
        assertThat(Rendered.envValue(worker, "KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
        JsonNode jaas = Rendered.env(worker, "KAFKA_SASL_JAAS_CONFIG").orElseThrow().path("valueFrom").path("secretKeyRef");
        assertThat(jaas.path("name").asText()).isEqualTo("attention-qa-worker");
        assertThat(jaas.path("key").asText()).isEqualTo("sasl.jaas.config");
        String truststore = Rendered.envValue(worker, "KAFKA_SSL_TRUSTSTORE_LOCATION");
        String dir = truststore.substring(0, truststore.lastIndexOf('/'));
        JsonNode secret = volumeSource(r.one("Deployment"), mountedVolume(worker, dir)).path("secret");
        assertThat(secret.path("secretName").asText()).isEqualTo("my-cluster-cluster-ca-cert");
        assertThat(secret.path("items").get(0).path("path").asText()).isEqualTo(truststore.substring(dir.length() + 1));
        assertThat(Rendered.env(worker, "KAFKA_SSL_TRUSTSTORE_PASSWORD").orElseThrow().path("valueFrom").path("secretKeyRef").path("key").asText())
                .isEqualTo("ca.password");
        assertThat(Rendered.envValue(worker, "QA_MODEL_DIR")).isEqualTo("/models/model");
        assertThat(volumeSource(r.one("Deployment"), mountedVolume(worker, "/models/model")).path("persistentVolumeClaim").path("claimName").asText())
                .isEqualTo("qa-models");
        assertThat(Rendered.envValue(worker, "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")).startsWith("http://otel-collector");
        JsonNode trigger = r.one("ScaledObject").path("spec").path("triggers").get(0);
        assertThat(trigger.path("metadata").path("sasl").asText()).isEqualTo("scram_sha512");
        assertThat(trigger.path("metadata").path("tls").asText()).isEqualTo("enable");
        assertThat(trigger.path("authenticationRef").path("name").asText()).isEqualTo(r.one("TriggerAuthentication").path("metadata").path("name").asText());
    }

    @Test
    void mutualTlsRendersTheEnvironmentKafkaTlsItRunsTheWorkerWith() throws Exception {
        Rendered r = Charts.render("default", "--set", "kafka.securityProtocol=SSL,kafka.tls.existingSecret=kafka-ca,"
                + "kafka.tls.keystoreSecret=qa-user");
        JsonNode worker = r.worker();
        assertThat(Rendered.envNames(worker).stream().filter(n -> n.startsWith("KAFKA_S")).sorted().toList())
                .isEqualTo(KafkaTlsEnv.MUTUAL_TLS.stream().sorted().toList());
        assertThat(Rendered.envValue(worker, KafkaTlsEnv.PROTOCOL)).isEqualTo("SSL");
        for (String[] store : new String[][] {{KafkaTlsEnv.TRUSTSTORE, KafkaTlsEnv.TRUSTSTORE_PASSWORD, "kafka-ca"},
            {KafkaTlsEnv.KEYSTORE, KafkaTlsEnv.KEYSTORE_PASSWORD, "qa-user"}}) {
            String file = Rendered.envValue(worker, store[0]);
            String dir = file.substring(0, file.lastIndexOf('/'));
            JsonNode secret = volumeSource(r.one("Deployment"), mountedVolume(worker, dir)).path("secret");
            assertThat(secret.path("secretName").asText()).as(store[0]).isEqualTo(store[2]);
            assertThat(secret.path("items").get(0).path("path").asText()).as(store[0])
                    .isEqualTo(file.substring(dir.length() + 1));
            assertThat(Rendered.env(worker, store[1]).orElseThrow().path("valueFrom").path("secretKeyRef").path("name")
                    .asText()).as(store[1]).isEqualTo(store[2]);
        }
    }

    @Test
    void modelImageIsCopiedByARestrictedInitContainerIntoAnEmptyDir() throws Exception {
        Rendered r = Charts.render("model-image");
        JsonNode init = Rendered.podSpec(r.one("Deployment")).path("initContainers").get(0);
        assertThat(init.path("image").asText()).isEqualTo("registry.example.com/models/minilm-qa:v3");
        assertThat(mountedVolume(init, "/model")).isEqualTo(mountedVolume(r.worker(), Rendered.envValue(r.worker(), "QA_MODEL_DIR")));
        assertThat(volumeSource(r.one("Deployment"), "model").has("emptyDir")).isTrue();
    }

    @Test
    void helmTestJobSendsOneQuestionFromAMountedContextAndWaits() throws Exception {
        Rendered r = Charts.render("default");
        JsonNode job = r.testJob();
        JsonNode sender = Rendered.container(job, "send");
        assertThat(job.path("spec").path("backoffLimit").asInt()).isZero();
        assertThat(texts(sender.path("args"))).startsWith("send", "--question").contains("--context-file", "--timeout");
        String contextFile = texts(sender.path("args")).get(texts(sender.path("args")).indexOf("--context-file") + 1);
        String configMap = volumeSource(job, mountedVolume(sender, contextFile.substring(0, contextFile.lastIndexOf('/'))))
                .path("configMap").path("name").asText();
        JsonNode context = r.all("ConfigMap").stream().filter(c -> c.path("metadata").path("name").asText().equals(configMap))
                .findFirst().orElseThrow();
        assertThat(context.path("data").path(contextFile.substring(contextFile.lastIndexOf('/') + 1)).asText())
                .contains("limits parallelization");
        assertThat(Rendered.podSpec(job).path("containers").get(0).path("name").asText()).isEqualTo("send");
        assertThat(job.path("spec").path("template").path("metadata").path("labels").path("app.kubernetes.io/name").asText())
                .as("the test pod is not selected by the worker's Service or PDB").endsWith("-test");
    }
}
