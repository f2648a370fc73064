package dev.attentionqa.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionqa.testing.TestConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The key of each output record: answers by the request id by default, by the request record's key with
 * {@code qa.topics.answer-key=request-key} (null stays null); dead letters keep the request's key either way.
 */
class OutputRecordsTest {

    private static final ConsumerRecord<String, byte[]> REQUEST = new ConsumerRecord<>("qa.requests", 2, 41L,
            "customer-7", "{\"id\":\"q-1\"}".getBytes(StandardCharsets.UTF_8));
    private static final Outcome ANSWERED = Outcome.answered("q-1", "{}", Duration.ZERO, Duration.ZERO, Context.root());
    private static final Outcome REFUSED = Outcome.refused(Outcome.Kind.DEAD_LETTERED, "missing-field",
            "missing-field: field 'question' is required", Duration.ZERO, Context.root());

    @Test
    void answersAreKeyedByTheRequestIdByDefault() {
        OutputRecords records = records(Map.of());
        ProducerRecord<String, byte[]> answer = records.of(REQUEST, ANSWERED);
        assertThat(answer.topic()).isEqualTo("qa.answers");
        assertThat(answer.key()).isEqualTo("q-1");
        assertThat(records.of(REQUEST, REFUSED).key()).as("dead letter").isEqualTo("customer-7");
    }

    @Test
    void answersCanBeKeyedByTheRequestRecordsKey() {
        OutputRecords records = records(Map.of("qa.topics.answer-key", "request-key"));
        assertThat(records.of(REQUEST, ANSWERED).key()).isEqualTo("customer-7");
        ConsumerRecord<String, byte[]> unkeyed = new ConsumerRecord<>("qa.requests", 0, 3L, null,
                "{\"id\":\"q-2\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(records.of(unkeyed, Outcome.answered("q-2", "{}", Duration.ZERO, Duration.ZERO, Context.root()))
                .key()).as("an unkeyed request gives an unkeyed answer").isNull();
        ProducerRecord<String, byte[]> dead = records.of(REQUEST, REFUSED);
        assertThat(dead.topic()).isEqualTo("qa.requests.dlq");
        assertThat(dead.key()).isEqualTo("customer-7");
    }

    private static OutputRecords records(Map<String, String> config) {
        return new OutputRecords(TestConfig.of(config), new TracingHeaders(OpenTelemetry.noop()));
    }
}
