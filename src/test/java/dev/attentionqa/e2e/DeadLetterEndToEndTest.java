package dev.attentionqa.e2e;

import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input catalogue ({@code e2e/bad-inputs.json}) interleaved with good requests: each bad event is
 * dead-lettered with its specific reason and its original bytes, odd-but-valid ones and good ones are answered,
 * and the worker stays ready.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class DeadLetterEndToEndTest {

    /** The management interface (its URL names the /q root already, so paths are resolved from it). */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void survivesTheWholeBadInputCatalogueInterleavedWithGoodRequests() throws Exception {
        List<BadInputCatalogue.Case> cases = BadInputCatalogue.load("qa.requests");
        assertThat(cases.stream().filter(c -> !c.answered()).count()).as("dead-letter kinds").isGreaterThanOrEqualTo(30);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<String> goodKeys = new ArrayList<>();
        for (BadInputCatalogue.Case c : cases) {
            String good = "good-" + goodKeys.size();
            goodKeys.add(good);
            records.add(new ProducerRecord<>("qa.requests", good, ("{\"id\":\"" + good + "\",\"question\":\"What helps?\","
                    + "\"context\":\"Attention helps models focus. Recurrence is slow.\"}").getBytes(StandardCharsets.UTF_8)));
            records.add(c.record());
        }
        try (KafkaCompanion companion = KafkaBroker.companion()) {
            companion.produce(String.class, byte[].class).fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
        }
        Map<String, String> deadExpected = new LinkedHashMap<>();
        Set<String> answerExpected = new java.util.HashSet<>(goodKeys);
        cases.forEach(c -> {
            if (c.answered()) {
                answerExpected.add(c.key());
            } else {
                deadExpected.put(c.key(), c.expect());
            }
        });
        var dead = TopicReader.readKeys("qa.requests.dlq", deadExpected.keySet(), Duration.ofSeconds(180));
        var answers = TopicReader.readKeys("qa.answers", answerExpected, Duration.ofSeconds(180));
        assertThat(dead.keySet()).isEqualTo(deadExpected.keySet());
        for (var c : cases) {
            if (c.answered()) {
                continue;
            }
            var r = dead.get(c.key());
            assertThat(header(r, "dead-letter-code")).as(c.key()).isEqualTo(c.expect());
            assertThat(header(r, "dead-letter-reason")).as(c.key()).startsWith(c.expect() + ": ");
            byte[] sent = c.record().value();
            assertThat(r.value()).as("%s: the original value, byte for byte", c.key()).isEqualTo(sent == null ? new byte[0] : sent);
        }
        assertThat(answers.keySet()).isEqualTo(answerExpected);
        var strayAnswers = TopicReader.readToEnd("qa.answers", deadExpected.keySet(), Duration.ofSeconds(60));
        assertThat(strayAnswers).as("dead-lettered events must not be answered").isEmpty();
        // readKeys keeps one record per key: count every record of each key in the whole topic as it is now
        assertThat(perKey(TopicReader.readToEnd("qa.requests.dlq", deadExpected.keySet(), Duration.ofSeconds(60))))
                .as("dead letters per key").containsOnlyKeys(deadExpected.keySet())
                .allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
        assertThat(perKey(TopicReader.readToEnd("qa.answers", answerExpected, Duration.ofSeconds(60))))
                .as("answers per key").containsOnlyKeys(answerExpected).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
        assertThat(readiness()).isEqualTo(200);
    }

    private static java.util.Map<String, Long> perKey(java.util.List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().collect(java.util.stream.Collectors.groupingBy(ConsumerRecord::key,
                java.util.stream.Collectors.counting()));
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private int readiness() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(management.resolve("/q/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
