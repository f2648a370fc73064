package dev.attentionqa.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A model directory with a QA head switches the worker to span mode: answers are spans of the context. */
@QuarkusTest
@TestProfile(SpanModelProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class SpanModeEndToEndTest {

    @Test
    void answersWithSpansOfTheContextWhenTheModelHasAQaHead() throws Exception {
        String context = SeedData.essay();
        ObjectMapper json = new ObjectMapper();
        String id = "span-" + java.util.UUID.randomUUID(); // unique: an external broker keeps earlier runs' answers
        String value = json.writeValueAsString(Map.of("id", id, "question", "What limits parallelization in RNNs?",
                "context", context, "options", Map.of("topK", 3)));
        try (var companion = KafkaBroker.companion()) {
            companion.produceStrings().fromRecords(List.of(new ProducerRecord<>("qa.requests", id, value)))
                    .awaitCompletion(Duration.ofSeconds(30));
        }
        var answers = TopicReader.readKeys("qa.answers", Set.of(id), Duration.ofSeconds(120));
        JsonNode answer = json.readTree(new String(answers.get(id).value(), StandardCharsets.UTF_8));
        assertThat(answer.get("mode").asText()).isEqualTo("span");
        assertThat(answer.at("/model/name").asText()).isEqualTo("random-bert-qa");
        assertThat(answer.get("answers").size()).isBetween(1, 3);
        for (JsonNode a : answer.get("answers")) {
            String text = a.get("text").asText();
            assertThat(text).isEqualTo(context.substring(a.get("start").asInt(), a.get("end").asInt()));
            assertThat(a.get("score").asDouble()).isBetween(0.0, 1.0);
        }
    }
}
