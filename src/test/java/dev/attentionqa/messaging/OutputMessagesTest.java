package dev.attentionqa.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionqa.testing.TestConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * The message each outcome becomes for the connector: topic, key and headers of the output record, and the trace its
 * publish span continues. Answers are keyed by the request id by default, by the request record's key with
 * {@code qa.topics.answer-key=request-key} (null stays null); dead letters keep the request's key, value and headers
 * (its trace context aside, which the connector writes anew) either way.
 */
class OutputMessagesTest {

    private static final ConsumerRecord<String, byte[]> REQUEST = new ConsumerRecord<>("qa.requests", 2, 41L,
            "customer-7", "{\"id\":\"q-1\"}".getBytes(StandardCharsets.UTF_8));
    private static final Context TRACE = Context.root().with(Span.wrap(SpanContext.create(
            "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getDefault(), TraceState.getDefault())));
    private static final Outcome ANSWERED = Outcome.answered("q-1", "{}", Duration.ZERO, Duration.ZERO, TRACE);
    private static final Outcome REFUSED = Outcome.refused(Outcome.Kind.DEAD_LETTERED, "missing-field",
            "missing-field: field 'question' is required", Duration.ZERO, TRACE);

    static {
        REQUEST.headers().add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-01".getBytes());
        REQUEST.headers().add("correlation-id", "corr-1".getBytes());
        REQUEST.headers().add("tenant", "t-9".getBytes());
    }

    @Test
    void answersAreKeyedByTheRequestIdByDefaultAndCarryOnlyTheCorrelationId() {
        OutputMessages messages = messages(Map.of());
        Message<byte[]> answer = messages.of(REQUEST, ANSWERED);
        assertThat(kafka(answer).getTopic()).isEqualTo("qa.answers");
        assertThat(kafka(answer).getKey()).isEqualTo("q-1");
        assertThat(headers(answer)).containsExactly("correlation-id=corr-1");
        assertThat(new String(answer.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(TracingMetadata.fromMessage(answer).orElseThrow().getCurrentContext())
                .as("the publish span continues the inference span").isSameAs(TRACE);
        assertThat(kafka(messages.of(REQUEST, REFUSED)).getKey()).as("dead letter").isEqualTo("customer-7");
    }

    @Test
    void answersCanBeKeyedByTheRequestRecordsKey() {
        OutputMessages messages = messages(Map.of("qa.topics.answer-key", "request-key"));
        assertThat(kafka(messages.of(REQUEST, ANSWERED)).getKey()).isEqualTo("customer-7");
        ConsumerRecord<String, byte[]> unkeyed = new ConsumerRecord<>("qa.requests", 0, 3L, null,
                "{\"id\":\"q-2\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(kafka(messages.of(unkeyed, Outcome.answered("q-2", "{}", Duration.ZERO, Duration.ZERO,
                Context.root()))).getKey()).as("an unkeyed request gives an unkeyed answer").isNull();
        Message<byte[]> dead = messages.of(REQUEST, REFUSED);
        assertThat(kafka(dead).getTopic()).isEqualTo("qa.requests.dlq");
        assertThat(kafka(dead).getKey()).isEqualTo("customer-7");
    }

    @Test
    void deadLettersKeepTheRequestBytesAndHeadersButItsTraceContext() {
        Message<byte[]> dead = messages(Map.of()).of(REQUEST, REFUSED);
        assertThat(dead.getPayload()).isEqualTo(REQUEST.value());
        assertThat(headers(dead)).containsExactly("correlation-id=corr-1", "tenant=t-9",
                "dead-letter-reason=missing-field: field 'question' is required", "dead-letter-code=missing-field",
                "dead-letter-topic=qa.requests", "dead-letter-partition=2", "dead-letter-offset=41");
        ConsumerRecord<String, byte[]> nullValue = new ConsumerRecord<>("qa.requests", 0, 5L, "k", null);
        assertThat(messages(Map.of()).of(nullValue, REFUSED).getPayload()).as("a null value becomes 0 bytes").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static OutgoingKafkaRecordMetadata<String> kafka(Message<byte[]> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
    }

    private static List<String> headers(Message<byte[]> message) {
        List<String> out = new ArrayList<>();
        for (Header h : kafka(message).getHeaders()) {
            out.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static OutputMessages messages(Map<String, String> config) {
        return new OutputMessages(TestConfig.of(config), new com.fasterxml.jackson.databind.ObjectMapper());
    }
}
