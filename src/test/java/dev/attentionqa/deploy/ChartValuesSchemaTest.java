package dev.attentionqa.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** values.yaml, its @param lines and values.schema.json say the same thing; bad values are refused, all at once. */
class ChartValuesSchemaTest {

    private static final Pattern PARAM = Pattern.compile("^\\s*## @param (\\S+) (.+)$", Pattern.MULTILINE);

    @Test
    void everyParamLineHasASchemaPropertyWithTheSameWordsAndViceVersa() throws Exception {
        Map<String, String> params = new TreeMap<>();
        Matcher m = PARAM.matcher(Files.readString(HelmTool.CHART.resolve("values.yaml")));
        while (m.find()) {
            params.put(m.group(1), m.group(2).strip());
        }
        Map<String, String> schema = new TreeMap<>();
        described(new ObjectMapper().readTree(HelmTool.CHART.resolve("values.schema.json").toFile()), "", schema);
        java.util.Set<String> paths = new java.util.TreeSet<>(params.keySet());
        paths.addAll(schema.keySet());
        assertThat(paths.stream().filter(p -> !java.util.Objects.equals(params.get(p), schema.get(p)))
                .map(p -> p + ": @param=" + params.get(p) + " | schema=" + schema.get(p)).toList())
                .as("schema descriptions vs ## @param lines (regenerate: python3 helm/values-schema.py helm/attention-qa-worker)")
                .isEmpty();
    }

    @Test
    void everyDefaultValueIsDocumented() throws Exception {
        Map<String, String> params = new TreeMap<>();
        Matcher m = PARAM.matcher(Files.readString(HelmTool.CHART.resolve("values.yaml")));
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        JsonNode values = Rendered.YAML.readTree(HelmTool.CHART.resolve("values.yaml").toFile());
        assertThat(leaves(values, "", new TreeMap<>()).keySet()).allSatisfy(path ->
                assertThat(params.keySet()).as("a ## @param line for %s or a parent", path)
                        .anyMatch(p -> path.equals(p) || path.startsWith(p + ".")));
    }

    @Test
    void rejectsReplicasAsAString() throws Exception {
        assertRejected(Charts.template("default", "--set-string", "replicaCount=2"), "/replicaCount", "want integer");
    }

    @Test
    void rejectsAnUnknownKey() throws Exception {
        assertRejected(Charts.template("default", "--set", "kafka.bootstrap=x:9092"), "additional properties 'bootstrap' not allowed");
    }

    @Test
    void rejectsAnUnknownSecurityProtocolAndAMisspelledTopLevelKey() throws Exception {
        assertRejected(Charts.template("default", "--set", "kafka.securityProtocol=TLS,replicas=2"),
                "/kafka/securityProtocol", "additional properties 'replicas' not allowed");
    }

    @Test
    void validateValuesListsEveryCrossValueProblemAtOnce() throws Exception {
        HelmTool.Result result = Charts.template("default", "--set", "autoscaling.keda.enabled=true,autoscaling.hpa.enabled=true,"
                + "autoscaling.keda.maxReplicas=8,kafka.securityProtocol=SASL_SSL,model.source=pvc,pdb.minAvailable=1");
        assertRejected(result, "VALUES VALIDATION (6 problems)", "enable either keda or hpa",
                "autoscaling.keda.maxReplicas: more replicas than partitions", "kafka.sasl.existingSecret: required",
                "autoscaling.keda.authSecret", "model.pvc.claimName: required", "pdb: set minAvailable or maxUnavailable, not both");
    }

    @Test
    void refusesThePageWithoutATokenSecret() throws Exception {
        assertRejected(Charts.template("default", "--set", "page.enabled=true"),
                "page.tokenSecret.name: required with page.enabled=true");
    }

    private static void assertRejected(HelmTool.Result result, String... messages) {
        assertThat(result.exitCode()).as("helm should refuse these values; stdout:%n%s", result.stdout()).isNotZero();
        assertThat(result.stderr()).contains(messages);
    }

    private static void described(JsonNode node, String path, Map<String, String> out) {
        if (node.has("description")) {
            out.put(path, node.path("description").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            described(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
        }
    }

    private static Map<String, JsonNode> leaves(JsonNode node, String path, Map<String, JsonNode> out) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(e -> leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        } else {
            out.put(path, node);
        }
        return out;
    }
}
