package dev.attentionqa.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.explain.Explanation;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.explain.WordWeight;
import dev.attentionqa.qa.Answer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schema files and the code must describe the same contract. */
class ContractSchemaTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void requestSchemaListsExactlyTheFieldsAndOptionsTheParserAccepts() throws Exception {
        JsonNode schema = read("schema/qa-request.schema.json");
        assertThat(names(schema.get("properties"))).isEqualTo(new TreeSet<>(RequestParser.FIELDS));
        assertThat(names(schema.at("/properties/options/properties"))).isEqualTo(new TreeSet<>(OptionsParser.OPTIONS));
        assertThat(schema.get("additionalProperties").asBoolean(true)).as("unknown fields are rejected").isFalse();
    }

    @Test
    void answerSchemaNamesEveryFieldTheWorkerWrites() throws Exception {
        JsonNode schema = read("schema/qa-answer.schema.json");
        var event = new AnswerEvent("q1", "Why?", "span", List.of(new Answer("Because.", 0.5, 0, 8)), 0.01,
                new Explanation("attention", List.of(5), List.of(new WordWeight("Why", 0, 3, 1.0)), List.of()),
                new AnswerEvent.ModelRef("m", "r"), new AnswerEvent.Timings(1, 2));
        ObjectNode written = (ObjectNode) json.valueToTree(event);
        assertThat(names(written)).isEqualTo(names(schema.get("properties")));
        assertThat(names(written.at("/answers/0"))).isEqualTo(names(schema.at("/properties/answers/items/properties")));
        assertThat(names(written.at("/explanation"))).isEqualTo(names(schema.at("/properties/explanation/properties")));
        assertThat(names(written.at("/explanation/question/0"))).isEqualTo(names(schema.at("/$defs/word/properties")));
        assertThat(names(written.at("/timings"))).isEqualTo(names(schema.at("/properties/timings/properties")));
    }

    @Test
    void explanationMethodsAreTheSameInConfigCodeAndBothSchemas() throws Exception {
        Set<String> methods = new TreeSet<>(ExplanationMethod.ids());
        assertThat(new TreeSet<>(WorkerConfig.EXPLANATIONS)).isEqualTo(methods);
        assertThat(values(read("schema/qa-request.schema.json").at("/properties/options/properties/explanation/enum")))
                .isEqualTo(methods);
        assertThat(values(read("schema/qa-answer.schema.json").at("/properties/explanation/properties/method/enum")))
                .isEqualTo(methods);
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private JsonNode read(String resource) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return json.readTree(in);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
