package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * An answer event as people read it on a terminal ({@code ask} and {@code send} without {@code --json}): each answer
 * with its score and offsets, the model and time, then the explanation's question words and top context words.
 */
final class AnswerText {

    private AnswerText() {
    }

    static String of(JsonNode event) {
        StringBuilder out = new StringBuilder();
        JsonNode answers = event.path("answers");
        if (answers.isEmpty()) {
            out.append("(no answer)\n");
            if (event.has("noAnswerScore")) {
                out.append(String.format(Locale.ROOT, "   no-answer score %.4f%n", event.path("noAnswerScore").asDouble()));
            }
        }
        for (int i = 0; i < answers.size(); i++) {
            JsonNode a = answers.get(i);
            out.append(answers.size() > 1 ? (i + 1) + ". " : "").append(a.path("text").asText()).append('\n');
            out.append(String.format(Locale.ROOT, "   score %.4f · %s · characters %d–%d%n", a.path("score").asDouble(),
                    event.path("mode").asText(), a.path("start").asInt(), a.path("end").asInt()));
        }
        out.append(String.format(Locale.ROOT, "model %s (%s), %d ms%n", event.path("model").path("name").asText(),
                event.path("model").path("revision").asText(), event.path("timings").path("inferenceMs").asLong()));
        JsonNode explanation = event.path("explanation");
        if (explanation.isObject()) {
            out.append("question words (").append(explanation.path("method").asText()).append("): ")
                    .append(words(explanation.path("question"))).append('\n');
            out.append("top context words: ").append(words(explanation.path("context"))).append('\n');
        }
        return out.toString();
    }

    private static String words(JsonNode words) {
        StringBuilder out = new StringBuilder();
        for (JsonNode w : words) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(w.path("word").asText()).append(String.format(Locale.ROOT, " %.3f", w.path("weight").asDouble()));
        }
        return out.toString();
    }
}
