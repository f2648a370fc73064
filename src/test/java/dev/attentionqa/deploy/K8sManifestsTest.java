package dev.attentionqa.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/ holds the chart's defaults rendered for users without Helm; this test keeps the file equal to a fresh render.
 * Regenerate: {@code ./mvnw -B -q test -Dtest=K8sManifestsTest -Ddeploy.update=true}.
 */
class K8sManifestsTest {

    static final Path MANIFEST = HelmTool.PROJECT.resolve("k8s/attention-qa-worker.yaml");
    static final Path STRIMZI = HelmTool.PROJECT.resolve("k8s/strimzi-kafka.yaml");
    static final String HEADER = """
            # attention-qa-worker for kubectl users: helm/attention-qa-worker rendered with its default values.
            # Generated - do not edit: change the chart, then run
            #   ./mvnw -B -q test -Dtest=K8sManifestsTest -Ddeploy.update=true
            # Apply: kubectl create namespace attention-qa && kubectl apply -n attention-qa -f k8s/attention-qa-worker.yaml
            """;

    @Test
    void plainManifestsEqualTheChartRenderedWithItsDefaults() throws Exception {
        HelmTool.Result result = HelmTool.helm(List.of("template", "attention-qa-worker", HelmTool.CHART.toString(),
                "--namespace", "attention-qa", "--skip-tests"));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String expected = HEADER + result.stdout();
        if (Boolean.getBoolean("deploy.update")) {
            Files.writeString(MANIFEST, expected);
        }
        assertThat(Files.readString(MANIFEST)).as("%s is out of date; regenerate it (see its header)", MANIFEST).isEqualTo(expected);
    }

    @Test
    void plainManifestsHoldNoHelmTestHooks() throws Exception {
        Rendered r = Rendered.parse(Files.readString(MANIFEST));
        assertThat(r.kinds()).containsExactlyInAnyOrder("ServiceAccount", "Service", "Deployment", "PodDisruptionBudget",
                "NetworkPolicy");
    }

    @Test
    void strimziTopicsMatchTheChartsTopicNamesAndPartitions() throws Exception {
        Rendered strimzi = Rendered.parse(Files.readString(STRIMZI));
        JsonNode values = Rendered.YAML.readTree(HelmTool.CHART.resolve("values.yaml").toFile());
        JsonNode topics = values.path("kafka").path("topics");
        List<JsonNode> kafkaTopics = strimzi.all("KafkaTopic");
        assertThat(kafkaTopics.stream().map(t -> t.path("spec").path("topicName").asText(t.path("metadata").path("name").asText()))
                .collect(Collectors.toList()))
                .containsExactlyInAnyOrder(topics.path("requests").asText(), topics.path("answers").asText(), topics.path("deadLetters").asText());
        JsonNode requests = kafkaTopics.stream().filter(t -> t.path("spec").path("topicName").asText().equals(topics.path("requests").asText()))
                .findFirst().orElseThrow();
        assertThat(requests.path("spec").path("partitions").asInt()).isEqualTo(topics.path("requestsPartitions").asInt());
        JsonNode user = strimzi.all("KafkaUser").stream().filter(u -> u.path("metadata").path("name").asText().equals("attention-qa-worker"))
                .findFirst().orElseThrow(() -> new AssertionError("no KafkaUser attention-qa-worker (the secret the README uses)"));
        assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
    }
}
