package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ask} prints one answer event, and nothing else, on stdout; a refused request exits with 3. */
@QuarkusMainTest
@QuarkusTestResource(KafkaBrokerResource.class)
class AskCommandTest {

    private static final String CONTEXT = "Recurrent networks read one token at a time. Attention lets every token see every other token.";

    private static final String NEWS = "The ceremony was held in Valencia on Friday. Maria Lopez received the medal for"
            + " her work on sodium batteries. Shares of the company rose 12 percent after the announcement.";

    @Test
    @Launch({"ask", "--question", "What lets every token see every other token?", "--context", CONTEXT, "--mode", "sentence",
            "--json"})
    void printsTheSentenceAnswerEventAsJson(LaunchResult result) throws Exception {
        JsonNode answer = answer(result);
        assertThat(answer.get("id").asText()).isEqualTo("ask");
        assertThat(answer.get("mode").asText()).isEqualTo("sentence");
        assertThat(answer.at("/answers/0/text").asText()).isEqualTo("Attention lets every token see every other token.");
        assertThat(answer.at("/explanation/method").asText()).isEqualTo("rollout");
        assertThat(answer.at("/model/name").asText()).isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
    }

    /** The default: the bundled span model answers with the fact, its offsets exact. */
    @Test
    @Launch({"ask", "--question", "Who received the medal?", "--context", NEWS, "--json"})
    void answersWithASpanByDefault(LaunchResult result) throws Exception {
        JsonNode answer = answer(result);
        assertThat(answer.get("mode").asText()).isEqualTo("span");
        assertThat(answer.at("/model/name").asText()).isEqualTo("attention-qa-worker/span-minilm-l6-squad1.1");
        JsonNode top = answer.at("/answers/0");
        assertThat(top.get("text").asText()).isEqualTo("Maria Lopez");
        assertThat(NEWS.substring(top.get("start").asInt(), top.get("end").asInt())).isEqualTo("Maria Lopez");
        assertThat(top.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(answer.at("/explanation/question").size()).isPositive();
        // the shown context words carry content: no stop words, no punctuation (qa.explain.all-words=false)
        JsonNode words = answer.at("/explanation/context");
        assertThat(words.size()).isEqualTo(10);
        for (JsonNode w : words) {
            assertThat(w.get("word").asText()).matches(".*[\\p{L}\\p{N}].*")
                    .isNotIn("the", "The", "of", "in", "on", "for", "her", "was", "after");
        }
    }

    /** {@code --all-words} shows the heaviest words as ranked, stop words and punctuation included. */
    @Test
    @Launch({"ask", "--question", "Who received the medal?", "--context", NEWS, "--all-words", "--json"})
    void allWordsShowsStopWordsAndPunctuationToo(LaunchResult result) throws Exception {
        JsonNode words = answer(result).at("/explanation/context");
        assertThat(words.size()).isEqualTo(10);
        boolean anyFunctionWord = false;
        for (JsonNode w : words) {
            anyFunctionWord |= !dev.attentionqa.qa.ContentWords.isContent(w.get("word").asText());
        }
        assertThat(anyFunctionWord).as("a stop word or punctuation among " + words).isTrue();
    }

    private static JsonNode answer(LaunchResult result) throws Exception {
        // The test harness captures log lines with stdout; the packaged jar logs to stderr only.
        String json = result.getOutputStream().stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        return new ObjectMapper().readTree(json);
    }

    /** Without {@code --json}: text for people, the answer first, then score, offsets, model and the explanation. */
    @Test
    @Launch({"ask", "--question", "Who received the medal?", "--context", NEWS, "--top-k", "2"})
    void printsTextForPeopleByDefault(LaunchResult result) {
        List<String> lines = result.getOutputStream(); // the test harness mixes log lines in
        int at = lines.indexOf("1. Maria Lopez");
        assertThat(at).as("the best answer, numbered, in " + lines).isNotNegative();
        assertThat(lines.get(at + 1)).matches("   score 0\\.\\d{4} · span · characters 45–56");
        assertThat(lines.get(at + 2)).startsWith("2. ");
        assertThat(lines).anyMatch(l -> l.startsWith("model attention-qa-worker/span-minilm-l6-squad1.1 (2026-12-02-step2200), "))
                .anyMatch(l -> l.startsWith("question words (grad-attention): Who "))
                .anyMatch(l -> l.startsWith("top context words: received "))
                .noneMatch(l -> l.startsWith("{"));
    }

    /** Any method per request; integrated gradients read the word embeddings, so no layers are named. */
    @Test
    @Launch({"ask", "--question", "Who received the medal?", "--context", NEWS, "--explanation", "integrated-gradients",
            "--json"})
    void explainsWithTheMethodAskedFor(LaunchResult result) throws Exception {
        JsonNode answer = answer(result);
        assertThat(answer.at("/answers/0/text").asText()).isEqualTo("Maria Lopez");
        assertThat(answer.at("/explanation/method").asText()).isEqualTo("integrated-gradients");
        assertThat(answer.at("/explanation/layers").size()).isZero();
        assertThat(answer.at("/explanation/context/0/word").asText()).isEqualTo("received");
    }

    @Test
    @Launch(value = {"ask", "--question", "Who received the medal?", "--context", NEWS, "--mode", "sentence",
            "--explanation", "grad-attention"}, exitCode = 3)
    void refusesAGradientMethodForASentenceAnswer(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("unsupported-value: field 'options.explanation' \"grad-attention\""
                + " explains the score of a span answer; sentence answers take one of [attention, rollout]");
    }

    @Test
    @Launch(value = {"ask", "--question", "Why?", "--context", CONTEXT, "--top-k", "0"}, exitCode = 3)
    void refusesAnOutOfRangeTopK(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("out-of-range: field 'options.topK' must be between 1 and 20 (got 0)");
    }
}
