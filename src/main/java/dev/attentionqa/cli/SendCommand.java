package dev.attentionqa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/** Sends one request to the requests topic and prints the worker's answer from the answers topic. */
@Command(name = "send", description = "Produce a request to Kafka and print the answer a running worker publishes.")
public class SendCommand implements Callable<Integer> {

    private static final Duration ANSWERS_TOPIC_RECHECK = Duration.ofMillis(500);

    @Option(names = "--question", required = true)
    String question;

    @Option(names = "--context-file", required = true, description = "A UTF-8 file holding the context.")
    Path contextFile;

    @Option(names = "--id", description = "Request id (default: a random UUID).")
    String id = UUID.randomUUID().toString();

    @Option(names = "--timeout", description = "Seconds to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 60;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "qa.topics.requests")
    String requestsTopic;

    @ConfigProperty(name = "qa.topics.answers")
    String answersTopic;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> common = Map.of("bootstrap.servers", bootstrap);
        try (var consumer = new KafkaConsumer<>(common, new StringDeserializer(), new StringDeserializer());
             var producer = new KafkaProducer<>(common, new StringSerializer(), new StringSerializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            List<TopicPartition> partitions = partitions(consumer);
            // Fix where reading starts before the request goes out. A topic that does not exist yet (the worker
            // creates it with its first answer) is read from its beginning once it appears.
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            String value = json.writeValueAsString(Map.of("id", id, "question", question,
                    "context", Files.readString(contextFile)));
            producer.send(new ProducerRecord<>(requestsTopic, id, value)).get();
            System.err.println("sent request " + id + " to " + requestsTopic + "; waiting for its answer"
                    + (partitions.isEmpty() ? " (topic " + answersTopic + " does not exist yet)" : ""));
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(ANSWERS_TOPIC_RECHECK.toMillis());
                partitions = partitions(consumer);
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            while (!partitions.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (id.equals(r.key())) {
                        System.out.println(r.value());
                        return 0;
                    }
                }
            }
            System.err.println("no answer for " + id + " on " + answersTopic + " within " + timeoutSeconds
                    + " s (is the worker running?)");
            return 1;
        }
    }

    /** The answers topic's partitions; none while the topic does not exist. */
    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        return consumer.partitionsFor(answersTopic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }
}
