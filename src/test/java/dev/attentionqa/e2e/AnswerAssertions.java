package dev.attentionqa.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks every answer event must pass: offsets, scores and word weights that point at the right text. */
final class AnswerAssertions {

    private AnswerAssertions() {
    }

    static void assertWellFormed(JsonNode answer, String question, String context) {
        assertThat(answer.get("answers").size()).isGreaterThanOrEqualTo(1);
        for (JsonNode a : answer.get("answers")) {
            int start = a.get("start").asInt();
            int end = a.get("end").asInt();
            assertThat(a.get("text").asText()).isEqualTo(context.substring(start, end));
            assertThat(a.get("score").asDouble()).isFinite();
        }
        JsonNode explanation = answer.get("explanation");
        assertThat(explanation.get("method").asText()).as("the span default").isEqualTo("grad-attention");
        assertWordsPointAtText(explanation.get("question"), question);
        assertWordsPointAtText(explanation.get("context"), context);
        assertThat(explanation.get("context").size()).isGreaterThan(0);
        double questionTotal = 0;
        for (JsonNode w : explanation.get("question")) {
            questionTotal += w.get("weight").asDouble();
        }
        assertThat(questionTotal).isBetween(0.999, 1.001);
    }

    private static void assertWordsPointAtText(JsonNode words, String text) {
        for (JsonNode w : words) {
            String word = w.get("word").asText();
            assertThat(text.substring(w.get("start").asInt(), w.get("end").asInt())).isEqualTo(word);
            assertThat(w.get("weight").asDouble()).isBetween(0.0, 1.0);
        }
    }
}
