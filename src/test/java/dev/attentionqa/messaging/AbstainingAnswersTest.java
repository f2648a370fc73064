package dev.attentionqa.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.qa.Abstention;
import dev.attentionqa.qa.QaPipeline;
import dev.attentionqa.qa.RealPipelines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Abstention through the contract, over the shipped span model: options.abstain, the margin, the event's layout. */
class AbstainingAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "{\"id\":\"w\",\"question\":\"Who is the chief executive of the company?\","
            + "\"context\":\"Rain will spread from the west tonight, with 40 millimetres falling in the hills."
            + " Temperatures will stay around 12 degrees.\"%s}";
    private static RealPipelines pipelines;

    @BeforeAll
    static void load() {
        pipelines = new RealPipelines();
    }

    @AfterAll
    static void close() {
        pipelines.close();
    }

    private static JsonNode answer(double margin, String options) {
        RequestLimits limits = new RequestLimits(1 << 20, 256, 2000, 200_000, 10, 100, Set.of("grad-attention"),
                Set.of("span"));
        RequestParser parser = new RequestParser(limits, new RequestOptions(1, true, "grad-attention", 10, "span",
                false, false));
        Answering answering = new Answering(parser, Map.<String, QaPipeline>of("span", pipelines.span()),
                Map.of("span", new AnswerEvent.ModelRef("m", "r")), JSON,
                new ContextTokenLimit(100_000, Map.of("span", String::length)), new Abstention(margin));
        QaRequest request = answering.parse(REQUEST.formatted(options).getBytes(StandardCharsets.UTF_8));
        return JSON.valueToTree(answering.answer(request, 0));
    }

    @Test
    void aWithheldAnswerHasNoAnswersNoExplanationAndItsNoAnswerScore() {
        JsonNode withheld = answer(50, ",\"options\":{\"abstain\":true}");
        assertThat(withheld.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(withheld.get("answers")).isEmpty();
        assertThat(withheld.has("explanation")).isFalse();
        assertThat(withheld.get("noAnswerScore").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void theSameRequestIsAnsweredWithAbstentionOffOrAMarginNoSpanMisses() {
        JsonNode off = answer(50, "");
        assertThat(off.get("answers")).as("abstain defaults to off here").hasSize(1);
        assertThat(off.has("explanation")).isTrue();
        JsonNode low = answer(-50, ",\"options\":{\"abstain\":true}");
        assertThat(low.get("answers")).hasSize(1);
        assertThat(low.get("noAnswerScore").asDouble()).isEqualTo(off.get("noAnswerScore").asDouble());
    }
}
