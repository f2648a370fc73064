package dev.attentionqa.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Sends one request to the requests topic and prints the worker's answer from the answers topic, or its dead letter's
 * reason. Uses the same Kafka settings as {@code serve} ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_*},
 * {@code KAFKA_SSL_*}), so that {@code helm test} works on a secured cluster.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Produce a request to Kafka and print the answer a running worker publishes.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:answered", "1:error", "2:usage error", "3:refused (dead-lettered, reason on stderr)",
            "4:no answer within --timeout"})
public class SendCommand implements Callable<Integer> {

    private static final Duration TOPIC_RECHECK = Duration.ofMillis(500);

    @Option(names = "--question", required = true, description = "The question.")
    String question;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ContextSource context;

    @Option(names = "--id", description = "Request id (default: a random UUID).")
    String id = UUID.randomUUID().toString();

    @Option(names = "--mode", description = "span or sentence (default: the worker's qa.answers.mode).")
    String mode;

    @Option(names = "--timeout", description = "Seconds to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 60;

    @Option(names = "--bootstrap-server", description = "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServer;

    @Option(names = "--json", description = "Print the answer event as one line of JSON (for scripts) instead of text.")
    boolean jsonOutput;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "qa.topics.requests")
    String requestsTopic;

    @ConfigProperty(name = "qa.topics.answers")
    String answersTopic;

    @ConfigProperty(name = "qa.topics.dead-letters")
    String deadLettersTopic;

    /** Every {@code kafka.*} setting (security included), as the worker's own clients get them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    ObjectMapper json;

    /** The answer as text; a value that is not an answer event (another producer's record) is printed as it is. */
    private String text(String value) {
        try {
            return AnswerText.of(json.readTree(value));
        } catch (JsonProcessingException e) {
            return value + System.lineSeparator();
        }
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> common = new HashMap<>(kafka == null ? Map.of() : kafka);
        common.put("bootstrap.servers", bootstrapServer != null ? bootstrapServer : bootstrap);
        // send reads by assignment: it must not join or commit for a consumer group (the worker's, if configured)
        Map<String, Object> reader = new HashMap<>(common);
        reader.remove("group.id");
        reader.put("enable.auto.commit", false);
        try (var consumer = new KafkaConsumer<>(reader, new StringDeserializer(), new StringDeserializer());
             var producer = new KafkaProducer<>(common, new StringSerializer(), new StringSerializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            // Fix where reading starts before the request goes out. A topic that does not exist yet (the worker
            // creates it with its first answer) is read from its beginning once it appears.
            List<String> pending = new ArrayList<>(List.of(answersTopic, deadLettersTopic));
            List<TopicPartition> assigned = new ArrayList<>();
            follow(consumer, pending, assigned, false);
            producer.send(new ProducerRecord<>(requestsTopic, id, json.writeValueAsString(request()))).get();
            System.err.println("sent request " + id + " to " + requestsTopic + "; waiting for its answer"
                    + (pending.contains(answersTopic) ? " (topic " + answersTopic + " does not exist yet)" : ""));
            while (System.nanoTime() < deadline) {
                if (!pending.isEmpty()) {
                    follow(consumer, pending, assigned, true);
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(TOPIC_RECHECK.toMillis());
                    continue;
                }
                for (ConsumerRecord<String, String> r : consumer.poll(TOPIC_RECHECK)) {
                    if (!id.equals(r.key())) {
                        continue;
                    }
                    if (r.topic().equals(answersTopic)) {
                        System.out.print(jsonOutput ? r.value() + System.lineSeparator() : text(r.value()));
                        return ExitCodes.OK;
                    }
                    System.err.println("refused: " + header(r, "dead-letter-reason") + " (dead letter on "
                            + deadLettersTopic + ")");
                    return ExitCodes.REFUSED;
                }
            }
            System.err.println("no answer for " + id + " on " + answersTopic + " within " + timeoutSeconds
                    + " s (is the worker running?)");
            return ExitCodes.TIMEOUT;
        }
    }

    private Map<String, Object> request() throws java.io.IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("question", question);
        request.put("context", context.read());
        if (mode != null) {
            request.put("options", Map.of("mode", mode));
        }
        return request;
    }

    /** Adds the partitions of the topics in {@code pending} that exist now; those found after the send start at 0. */
    private static void follow(KafkaConsumer<String, String> consumer, List<String> pending,
                               List<TopicPartition> assigned, boolean fromBeginning) {
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : List.copyOf(pending)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (!partitions.isEmpty()) {
                pending.remove(topic);
                added.addAll(partitions);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        assigned.addAll(added);
        consumer.assign(assigned);
        if (fromBeginning) {
            consumer.seekToBeginning(added);
        } else {
            consumer.seekToEnd(added);
        }
        added.forEach(consumer::position);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "(no " + name + " header)" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
