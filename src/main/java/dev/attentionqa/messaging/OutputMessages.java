package dev.attentionqa.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.config.WorkerConfig;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/**
 * The message each outcome becomes, for the connector to write: an answer (JSON keyed by request id, or by the
 * request record's key with {@code qa.topics.answer-key=request-key}) on the answers topic with the request's
 * {@code correlation-id}, as a CloudEvent in the request's mode when the request was one ({@link AnswerCloudEvents}), or the refused request byte for byte on the dead-letter topic, with its key and headers
 * plus {@code dead-letter-reason} (code and detail), {@code dead-letter-code} and where it came from. The trace
 * context is not copied: the connector writes the {@code traceparent} of its publish span, a child of the inference
 * span this message carries in its {@link TracingMetadata} (same trace id, its own span id).
 */
@ApplicationScoped
public class OutputMessages {

    public static final String REASON = "dead-letter-reason";
    public static final String CODE = "dead-letter-code";
    static final String CORRELATION_ID = "correlation-id";
    static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate");

    private final String answers;
    private final String deadLetters;
    private final boolean keyByRequestKey;

    private final ObjectMapper json;

    @Inject
    OutputMessages(WorkerConfig config, ObjectMapper json) {
        this.json = json;
        this.answers = config.topics().answers();
        this.deadLetters = config.topics().deadLetters();
        this.keyByRequestKey = config.topics().answerKey().equals("request-key");
    }

    Message<byte[]> of(ConsumerRecord<String, byte[]> request, Outcome outcome) {
        RecordHeaders headers = new RecordHeaders();
        if (outcome.kind() == Outcome.Kind.ANSWERED) {
            Header correlation = request.headers().lastHeader(CORRELATION_ID);
            if (correlation != null) {
                headers.add(correlation);
            }
            String key = keyByRequestKey ? request.key() : outcome.id();
            return switch (RequestCloudEvents.mode(request.headers())) {
                case NONE -> message(answers, key, outcome.json().getBytes(StandardCharsets.UTF_8), headers, outcome);
                case BINARY -> message(answers, key, outcome.json().getBytes(StandardCharsets.UTF_8), headers, outcome)
                        .addMetadata(AnswerCloudEvents.binary(outcome.id(), Instant.now()));
                case STRUCTURED -> {
                    headers.add("content-type", utf8(AnswerCloudEvents.STRUCTURED_CONTENT_TYPE));
                    yield message(answers, key, AnswerCloudEvents.structured(outcome.id(), outcome.json(), Instant.now(),
                            json),
                            headers, outcome);
                }
            };
        }
        for (Header h : request.headers()) {
            if (!TRACE_CONTEXT.contains(h.key())) {
                headers.add(h);
            }
        }
        headers.add(REASON, utf8(outcome.reason()));
        headers.add(CODE, utf8(outcome.code()));
        headers.add("dead-letter-topic", utf8(request.topic()));
        headers.add("dead-letter-partition", utf8(String.valueOf(request.partition())));
        headers.add("dead-letter-offset", utf8(String.valueOf(request.offset())));
        byte[] value = request.value() == null ? new byte[0] : request.value();
        return message(deadLetters, request.key(), value, headers, outcome);
    }

    private static Message<byte[]> message(String topic, String key, byte[] value, RecordHeaders headers, Outcome outcome) {
        return Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key)
                        .withHeaders(headers).build())
                .addMetadata(TracingMetadata.withCurrent(outcome.trace()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
