package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code send} against the real broker. The test answers in place of the worker (it echoes the question), so that
 * what is checked is {@code send}'s own part: the request it writes and which answer it picks.
 */
class SendCommandTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ObjectMapper json = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ExecutorService responder = Executors.newSingleThreadExecutor();
    private PrintStream originalOut;

    @TempDir
    Path dir;

    @BeforeEach
    void captureOut() {
        KafkaBroker.bootstrapServers(); // a broker started now prints to stdout: before the capture
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOut() {
        System.setOut(originalOut);
        responder.shutdownNow();
    }

    @Test
    void waitsForAnAnswersTopicThatDoesNotExistYet() throws Exception {
        SendCommand send = command("send-test.absent." + run, 20);
        CompletableFuture<JsonNode> request = answerOnce(send);

        assertThat(send.call()).isZero();

        JsonNode answer = json.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(answer.get("id").asText()).isEqualTo(send.id);
        assertThat(answer.get("answer").asText()).isEqualTo("echo: Where is the cat?");
        assertThat(request.get().get("context").asText()).isEqualTo("The cat sat on the mat.");
    }

    @Test
    void ignoresAnswersWrittenBeforeItsRequest() throws Exception {
        SendCommand send = command("send-test.stale." + run, 20);
        KafkaTopics.create(send.answersTopic, 2);
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(send.answersTopic, send.id, "{\"id\":\"" + send.id
                    + "\",\"answer\":\"stale\"}")).get();
        }
        answerOnce(send);

        assertThat(send.call()).isZero();

        assertThat(json.readTree(out.toString(StandardCharsets.UTF_8)).get("answer").asText())
                .isEqualTo("echo: Where is the cat?");
    }

    @Test
    void reportsADeadLetterWithItsReasonAndExitCodeThree() throws Exception {
        SendCommand send = command("send-test.refused." + run, 20);
        KafkaTopics.create(send.answersTopic, 1);
        KafkaTopics.create(send.deadLettersTopic, 1);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            respondOnce(send, true);
            assertThat(send.call()).isEqualTo(ExitCodes.REFUSED);
        } finally {
            System.setErr(originalErr);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused: out-of-range: field 'options.topK'");
    }

    @Test
    void failsAfterItsTimeoutWhenNobodyAnswers() throws Exception {
        SendCommand send = command("send-test.silent." + run, 2);

        assertThat(send.call()).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private SendCommand command(String prefix, int timeoutSeconds) throws Exception {
        SendCommand send = new SendCommand();
        send.bootstrap = KafkaBroker.bootstrapServers();
        send.requestsTopic = prefix + ".requests";
        send.answersTopic = prefix + ".answers";
        send.deadLettersTopic = prefix + ".dlq";
        send.json = json;
        send.question = "Where is the cat?";
        send.context = new ContextSource();
        send.context.file = Files.writeString(dir.resolve("context.txt"), "The cat sat on the mat.");
        send.timeoutSeconds = timeoutSeconds;
        send.jsonOutput = true; // these tests read the answer event back
        return send;
    }

    /** Reads the first request from the start of the requests topic and echoes its question to the answers topic. */
    private CompletableFuture<JsonNode> answerOnce(SendCommand send) {
        return respondOnce(send, false);
    }

    /** As {@link #answerOnce}, or refuses the request to the dead-letter topic as the worker would. */
    private CompletableFuture<JsonNode> respondOnce(SendCommand send, boolean refuse) {
        return CompletableFuture.supplyAsync(() -> {
            Map<String, Object> config = Map.of("bootstrap.servers", send.bootstrap);
            try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
                 var producer = producer()) {
                while (!Thread.currentThread().isInterrupted()) {
                    List<TopicPartition> partitions = consumer.partitionsFor(send.requestsTopic, Duration.ofSeconds(5))
                            .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    if (partitions.isEmpty()) {
                        Thread.sleep(200);
                        continue;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    while (true) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                            JsonNode request = json.readTree(r.value());
                            String answer = json.writeValueAsString(Map.of("id", request.get("id").asText(),
                                    "answer", "echo: " + request.get("question").asText()));
                            ProducerRecord<String, String> reply = refuse
                                    ? new ProducerRecord<>(send.deadLettersTopic, r.key(), r.value())
                                    : new ProducerRecord<>(send.answersTopic, r.key(), answer);
                            if (refuse) {
                                reply.headers().add("dead-letter-reason",
                                        "out-of-range: field 'options.topK' must be between 1 and 20 (got 0)"
                                                .getBytes(StandardCharsets.UTF_8));
                            }
                            producer.send(reply).get();
                            return request;
                        }
                    }
                }
                throw new IllegalStateException("interrupted before a request arrived");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, responder);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }
}
