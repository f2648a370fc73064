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

/** Bad events interleaved with good ones: each bad one is dead-lettered with its reason, each good one answered. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class DeadLetterEndToEndTest {

    @TestHTTPResource("/q/health/ready")
    URI ready;

    /** key → expected dead-letter code; the value bytes are in {@link #badValues()}. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    private static Map<String, byte[]> badValues() {
        Map<String, byte[]> bad = new LinkedHashMap<>();
        String ok = "\"question\":\"Why?\",\"context\":\"Attention helps models focus.\"";
        add(bad, "bad-malformed", "{\"id\":\"bad-malformed\",", "malformed-json");
        add(bad, "bad-missing-id", "{" + ok + "}", "missing-field");
        add(bad, "bad-missing-question", "{\"id\":\"x\",\"context\":\"Some text here.\"}", "missing-field");
        add(bad, "bad-empty-question", "{\"id\":\"x\",\"question\":\"\",\"context\":\"Some text.\"}", "empty-field");
        add(bad, "bad-missing-context", "{\"id\":\"x\",\"question\":\"Why?\"}", "missing-field");
        add(bad, "bad-wrong-type", "{\"id\":\"x\",\"question\":42,\"context\":\"Some text.\"}", "wrong-type");
        add(bad, "bad-huge-context", "{\"id\":\"x\",\"question\":\"Why?\",\"context\":\"" + "word ".repeat(50_000) + "\"}", "too-large");
        add(bad, "bad-unknown-option", "{\"id\":\"x\"," + ok + ",\"options\":{\"beam\":4}}", "unknown-option");
        add(bad, "bad-array", "[{\"id\":\"x\"}]", "not-an-object");
        add(bad, "bad-zero-bytes", "", "empty-value");
        add(bad, "bad-no-sentence", "{\"id\":\"x\",\"question\":\"Why?\",\"context\":\"... 42 !!\"}", "no-sentence");
        byte[] invalidUtf8 = ("{\"id\":\"x\"," + ok + "}").getBytes(StandardCharsets.UTF_8);
        invalidUtf8[8] = (byte) 0xFF;
        bad.put("bad-invalid-utf8", invalidUtf8);
        EXPECTED.put("bad-invalid-utf8", "invalid-utf8");
        return bad;
    }

    private static void add(Map<String, byte[]> bad, String key, String value, String code) {
        bad.put(key, value.getBytes(StandardCharsets.UTF_8));
        EXPECTED.put(key, code);
    }

    @Test
    void deadLettersEveryBadEventWithItsReasonAndAnswersEveryGoodOne() throws Exception {
        Map<String, byte[]> bad = badValues();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<String> goodKeys = new ArrayList<>();
        int i = 0;
        for (var e : bad.entrySet()) {
            String good = "good-" + i++;
            goodKeys.add(good);
            records.add(new ProducerRecord<>("qa.requests", good, ("{\"id\":\"" + good + "\",\"question\":\"What helps?\","
                    + "\"context\":\"Attention helps models focus. Recurrence is slow.\"}").getBytes(StandardCharsets.UTF_8)));
            records.add(new ProducerRecord<>("qa.requests", e.getKey(), e.getValue()));
        }
        KafkaCompanion companion = KafkaBroker.companion();
        companion.produce(String.class, byte[].class).fromRecords(records).awaitCompletion(Duration.ofSeconds(30));

        var deadByKey = TopicReader.readKeys("qa.requests.dlq", bad.keySet(), Duration.ofSeconds(120));
        var answers = TopicReader.readKeys("qa.answers", Set.copyOf(goodKeys), Duration.ofSeconds(120));
        assertThat(deadByKey.keySet()).isEqualTo(bad.keySet());
        for (var e : deadByKey.entrySet()) {
            var r = e.getValue();
            assertThat(header(r, "dead-letter-code")).as(e.getKey()).isEqualTo(EXPECTED.get(e.getKey()));
            assertThat(header(r, "dead-letter-reason")).as(e.getKey()).startsWith(EXPECTED.get(e.getKey()) + ": ");
            assertThat(r.value()).as("the original value, byte for byte").isEqualTo(bad.get(e.getKey()));
        }
        assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(goodKeys);
        var strayAnswers = TopicReader.readKeys("qa.answers", bad.keySet(), Duration.ofSeconds(2));
        assertThat(strayAnswers).as("bad events must not be answered").isEmpty();
        assertThat(readiness()).isEqualTo(200);
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private int readiness() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
