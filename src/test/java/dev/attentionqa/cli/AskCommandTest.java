package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ask} prints one answer event, and nothing else, on stdout; a bad option is refused with exit code 2. */
@QuarkusMainTest
@QuarkusTestResource(KafkaBrokerResource.class)
class AskCommandTest {

    private static final String CONTEXT = "Recurrent networks read one token at a time. Attention lets every token see every other token.";

    @Test
    @Launch({"ask", "--question", "What lets every token see every other token?", "--context", CONTEXT})
    void printsTheAnswerEventAsJson(LaunchResult result) throws Exception {
        // The test harness captures log lines with stdout; the packaged jar logs to stderr only.
        String json = result.getOutputStream().stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        JsonNode answer = new ObjectMapper().readTree(json);
        assertThat(answer.get("id").asText()).isEqualTo("ask");
        assertThat(answer.at("/answers/0/text").asText()).isEqualTo("Attention lets every token see every other token.");
        assertThat(answer.at("/explanation/method").asText()).isEqualTo("rollout");
    }

    @Test
    @Launch(value = {"ask", "--question", "Why?", "--context", CONTEXT, "--top-k", "0"}, exitCode = 2)
    void refusesAnOutOfRangeTopK(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("out-of-range: field 'options.topK' must be between 1 and 20 (got 0)");
    }
}
