package dev.attentionqa.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaBrokerResource;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests as CloudEvents 1.0 (Kafka binding): a binary-mode request gets a binary-mode answer ({@code ce_*}
 * headers, written by the connector), a structured-mode one a structured answer (the event JSON, its {@code data}
 * the answer), a plain one a plain answer; a malformed structured event is dead-lettered byte for byte like any
 * malformed request, and the worker goes on. Both answer modes are read back with the CloudEvents Java SDK's Kafka
 * binding (a reader this project did not write), {@code time} included.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class CloudEventsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void answersComeBackInTheModeTheRequestCameIn() throws Exception {
        String binary = "ce-bin-" + run;
        String structured = "ce-str-" + run;
        String plain = "ce-plain-" + run;
        String malformed = "ce-bad-" + run;
        ProducerRecord<String, byte[]> binaryRecord = record(binary, request(binary));
        binaryRecord.headers().add("ce_specversion", utf8("1.0")).add("ce_id", utf8("evt-" + binary))
                .add("ce_source", utf8("/tests")).add("ce_type", utf8("dev.attentionqa.request.v1"))
                .add("content-type", utf8("application/json"));
        String event = "{\"specversion\":\"1.0\",\"id\":\"evt-" + structured + "\",\"source\":\"/tests\","
                + "\"type\":\"dev.attentionqa.request.v1\",\"datacontenttype\":\"application/json\",\"data\":"
                + request(structured) + "}";
        ProducerRecord<String, byte[]> structuredRecord = record(structured, event);
        structuredRecord.headers().add("content-type", utf8("application/cloudevents+json; charset=UTF-8"));
        ProducerRecord<String, byte[]> malformedRecord = record(malformed, "{\"specversion\":");
        malformedRecord.headers().add("content-type", utf8("application/cloudevents+json"));
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        try (KafkaCompanion companion = KafkaBroker.companion()) {
            companion.produce(String.class, byte[].class)
                    .fromRecords(List.of(binaryRecord, structuredRecord, record(plain, request(plain)), malformedRecord))
                    .awaitCompletion(Duration.ofSeconds(30));
        }

        Map<String, ConsumerRecord<String, byte[]>> answers = TopicReader.readKeys("qa.answers",
                Set.of(binary, structured, plain), Duration.ofSeconds(120));

        ConsumerRecord<String, byte[]> b = answers.get(binary);
        assertThat(b).as("binary answer").isNotNull();
        assertThat(header(b, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(b, "ce_type")).isEqualTo("dev.attentionqa.answer.v1");
        assertThat(header(b, "ce_id")).isEqualTo("answer-" + binary);
        assertThat(header(b, "ce_subject")).isEqualTo(binary);
        assertThat(header(b, "ce_source")).isEqualTo("/attention-qa-worker");
        assertThat(JSON.readTree(b.value()).get("id").asText()).as("the value is the answer").isEqualTo(binary);
        assertReadBySdk(b, binary, before);

        ConsumerRecord<String, byte[]> s = answers.get(structured);
        assertThat(s).as("structured answer").isNotNull();
        assertThat(header(s, "content-type")).startsWith("application/cloudevents+json");
        assertThat(s.headers().lastHeader("ce_specversion")).as("no binary-mode headers").isNull();
        JsonNode envelope = JSON.readTree(s.value());
        assertThat(envelope.get("specversion").asText()).isEqualTo("1.0");
        assertThat(envelope.get("id").asText()).isEqualTo("answer-" + structured);
        assertThat(envelope.get("type").asText()).isEqualTo("dev.attentionqa.answer.v1");
        assertThat(envelope.get("data").get("id").asText()).as("data is the answer").isEqualTo(structured);
        assertThat(envelope.get("data").get("answers").size()).isPositive();
        assertReadBySdk(s, structured, before);

        ConsumerRecord<String, byte[]> p = answers.get(plain);
        assertThat(p).as("plain answer").isNotNull();
        assertThat(p.headers().lastHeader("ce_specversion")).as("a plain request gets a plain answer").isNull();
        assertThat(JSON.readTree(p.value()).has("specversion")).isFalse();

        ConsumerRecord<String, byte[]> dead = TopicReader.readKeys("qa.requests.dlq", Set.of(malformed),
                Duration.ofSeconds(60)).get(malformed);
        assertThat(dead).as("malformed structured event dead-lettered").isNotNull();
        assertThat(header(dead, "dead-letter-code")).isEqualTo("malformed-json");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).as("byte for byte").isEqualTo("{\"specversion\":");
    }

    /** The SDK reads the record (binary or structured, by its headers) with every attribute and the answer as data. */
    private static void assertReadBySdk(ConsumerRecord<String, byte[]> record, String requestId, OffsetDateTime before)
            throws Exception {
        CloudEvent event = KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent();
        assertThat(event.getId()).isEqualTo("answer-" + requestId);
        assertThat(event.getType()).isEqualTo("dev.attentionqa.answer.v1");
        assertThat(event.getSource()).hasToString("/attention-qa-worker");
        assertThat(event.getSubject()).isEqualTo(requestId);
        assertThat(event.getTime()).as("time, when the answer was made").isNotNull()
                .isAfterOrEqualTo(before).isBeforeOrEqualTo(OffsetDateTime.now(ZoneOffset.UTC));
        assertThat(JSON.readTree(event.getData().toBytes()).get("id").asText()).isEqualTo(requestId);
    }

    private static String request(String id) {
        return "{\"id\":\"" + id + "\",\"question\":\"Where does the tower stand?\","
                + "\"context\":\"The Eiffel Tower stands in Paris. It was finished in 1889.\"}";
    }

    private static ProducerRecord<String, byte[]> record(String key, String value) {
        return new ProducerRecord<>("qa.requests", key, utf8(value));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
