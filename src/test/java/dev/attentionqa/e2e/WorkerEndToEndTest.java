package dev.attentionqa.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** 50 requests through the real broker and the real model: one answer each, offsets exact, words weighted. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class WorkerEndToEndTest {

    /** Unique per run: with an external broker (KAFKA_BOOTSTRAP_SERVERS) an earlier run's answers stay in the topic. */
    private static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void answersFiftyRequestsIncludingTheEssayLongerThanOneWindow() throws Exception {
        Map<String, String[]> sent = requests(50);
        KafkaCompanion companion = KafkaBroker.companion();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        sent.forEach((id, qc) -> {
            ProducerRecord<String, String> r = new ProducerRecord<>("qa.requests", id, body(id, qc[0], qc[1]));
            r.headers().add("correlation-id", ("corr-" + id).getBytes(StandardCharsets.UTF_8));
            records.add(r);
        });
        companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(30));

        var byId = TopicReader.readKeys("qa.answers", sent.keySet(), Duration.ofSeconds(300));
        assertThat(byId).hasSize(50);
        for (var e : byId.entrySet()) {
            String[] qc = sent.get(e.getKey());
            JsonNode answer = json.readTree(new String(e.getValue().value(), StandardCharsets.UTF_8));
            assertThat(answer.get("id").asText()).isEqualTo(e.getKey());
            AnswerAssertions.assertWellFormed(answer, qc[0], qc[1]);
            assertThat(new String(e.getValue().headers().lastHeader("correlation-id").value(), StandardCharsets.UTF_8))
                    .isEqualTo("corr-" + e.getKey());
        }
        // one answer each: a duplicate would be hidden by readKeys, which keeps the first per key
        assertThat(TopicReader.countKeys("qa.answers", sent.keySet(), Duration.ofSeconds(60)))
                .hasSize(50).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    }

    /** The essay with its ten seed questions, then its lines in groups of three with questions cycled over them. */
    private static Map<String, String[]> requests(int n) {
        String essay = SeedData.essay();
        String[] questions = {
            "What problem makes it hard for RNNs and LSTMs to capture long-range dependencies?",
            "What limits parallelization in RNNs?", "What is interpretability valuable for?",
            "Which models were developed for image classification using attention?",
            "In which field have transformer models been especially successful?"};
        String[] lines = essay.lines().filter(l -> !l.isBlank()).toArray(String[]::new);
        Map<String, String[]> requests = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String context = i % 10 == 0 ? essay
                    : String.join("\n", lines[i % lines.length], lines[(i + 1) % lines.length], lines[(i + 2) % lines.length]);
            requests.put("e2e-" + RUN + "-" + i, new String[] {questions[i % questions.length], context});
        }
        return requests;
    }

    private String body(String id, String question, String context) {
        try {
            return json.writeValueAsString(Map.of("id", id, "question", question, "context", context));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
