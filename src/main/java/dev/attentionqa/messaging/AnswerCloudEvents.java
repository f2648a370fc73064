package dev.attentionqa.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The CloudEvent an answer becomes when its request was one: type {@value #TYPE}, source {@value #SOURCE}, subject
 * the request id, and the id {@code answer-<request id>}, the same each time a request is answered, so a reader can
 * drop the repeats at-least-once delivery may write. Binary mode is written by the connector from
 * {@link OutgoingCloudEventMetadata} ({@code ce_*} headers, the answer JSON as value); structured mode is the event
 * JSON built here, because the connector sets that mode per channel, and one channel carries both. Both carry
 * {@code time}, when the answer was made (RFC 3339, UTC): optional in CloudEvents 1.0, but SDKs such as the
 * JavaScript one fail on an event without it.
 */
final class AnswerCloudEvents {

    static final String TYPE = "dev.attentionqa.answer.v1";
    static final String SOURCE = "/attention-qa-worker";
    static final String STRUCTURED_CONTENT_TYPE = RequestCloudEvents.STRUCTURED_CONTENT_TYPE + "; charset=UTF-8";

    private AnswerCloudEvents() {
    }

    static OutgoingCloudEventMetadata<Object> binary(String requestId, Instant made) {
        return OutgoingCloudEventMetadata.builder().withSpecVersion("1.0").withId(id(requestId))
                .withSource(URI.create(SOURCE)).withType(TYPE).withSubject(requestId)
                .withTimestamp(made.atZone(ZoneOffset.UTC)).withDataContentType("application/json").build();
    }

    static byte[] structured(String requestId, String answerJson, Instant made, ObjectMapper json) {
        try {
            ObjectNode event = json.createObjectNode().put("specversion", "1.0").put("id", id(requestId))
                    .put("source", SOURCE).put("type", TYPE).put("subject", requestId)
                    .put("time", made.toString()).put("datacontenttype", "application/json");
            event.set("data", json.readTree(answerJson));
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // the answer JSON is ours: it always parses
        }
    }

    private static String id(String requestId) {
        return "answer-" + requestId;
    }
}
