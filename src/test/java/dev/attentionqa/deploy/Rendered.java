package dev.attentionqa.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The documents of one {@code helm template} run, with look-ups by kind and by name. */
record Rendered(List<JsonNode> documents) {

    static final YAMLMapper YAML = new YAMLMapper();

    static Rendered parse(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && doc.size() > 0) {
                    docs.add(doc);
                }
            }
        }
        return new Rendered(docs);
    }

    List<JsonNode> all(String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind) {
        List<JsonNode> found = all(kind);
        assertThat(found).as("documents of kind %s", kind).hasSizeLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    JsonNode one(String kind) {
        return find(kind).orElseThrow(() -> new AssertionError("no " + kind + " rendered; kinds: " + kinds()));
    }

    List<String> kinds() {
        return documents.stream().map(d -> d.path("kind").asText()).toList();
    }

    JsonNode worker() {
        return container(one("Deployment"), "worker");
    }

    JsonNode testJob() {
        return all("Job").stream().filter(j -> j.path("metadata").path("annotations").path("helm.sh/hook").asText().equals("test"))
                .findFirst().orElseThrow(() -> new AssertionError("no helm test Job rendered; kinds: " + kinds()));
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    static JsonNode container(JsonNode workload, String name) {
        return StreamSupport.stream(podSpec(workload).path("containers").spliterator(), false)
                .filter(c -> name.equals(c.path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in " + workload.path("metadata").path("name")));
    }

    /** Containers and init containers of a workload. */
    static List<JsonNode> allContainers(JsonNode workload) {
        List<JsonNode> out = new ArrayList<>();
        podSpec(workload).path("initContainers").forEach(out::add);
        podSpec(workload).path("containers").forEach(out::add);
        return out;
    }

    /** The env entry of a container, by name. */
    static Optional<JsonNode> env(JsonNode container, String name) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> name.equals(e.path("name").asText())).findFirst();
    }

    static List<String> envNames(JsonNode container) {
        return StreamSupport.stream(container.path("env").spliterator(), false).map(e -> e.path("name").asText()).toList();
    }

    static String envValue(JsonNode container, String name) {
        return env(container, name).orElseThrow(() -> new AssertionError("no env " + name + "; has " + envNames(container)))
                .path("value").asText();
    }
}
