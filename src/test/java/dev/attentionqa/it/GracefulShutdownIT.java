package dev.attentionqa.it;

import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM in the middle of a stream: the worker stops polling, finishes and publishes the record in flight,
 * commits, and exits within the bound; every consumed request has an answer and each partition's committed
 * offset is the last answered offset + 1.
 */
class GracefulShutdownIT {

    private static final int REQUESTS = 300;
    private static final Duration EXIT_BOUND = Duration.ofSeconds(40);
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String requests = "shutdown.requests." + run;
    private final String answers = "shutdown.answers." + run;
    private final String group = "shutdown-worker-" + run;

    @Test
    void finishesInFlightWorkCommitsAndExitsOnSigterm() throws Exception {
        String bootstrap = KafkaBroker.bootstrapServers();
        KafkaTopics.create(requests, 3);
        KafkaTopics.create(answers, 3);
        KafkaTopics.create("shutdown.dlq." + run, 1);
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "QA_TOPIC_REQUESTS", requests,
                "QA_TOPIC_ANSWERS", answers, "QA_TOPIC_DEAD_LETTERS", "shutdown.dlq." + run, "QA_GROUP_ID", group);
        try (WorkerProcess worker = WorkerProcess.start("shutdown", env)) {
            worker.awaitReady(Duration.ofSeconds(120));
            Map<String, RecordMetadata> sent = produce(bootstrap);
            awaitAnswers(bootstrap, 10, Duration.ofSeconds(120));

            Integer exit = worker.terminate(EXIT_BOUND);
            assertThat(exit).as("exited within " + EXIT_BOUND + ":\n" + worker.tail()).isNotNull();

            Set<String> answered = readAll(bootstrap).keySet();
            assertThat(answered.size()).as("stopped mid-stream").isBetween(10, REQUESTS - 1);
            Map<TopicPartition, OffsetAndMetadata> committed = committed(bootstrap);
            for (int p = 0; p < 3; p++) {
                TopicPartition tp = new TopicPartition(requests, p);
                TreeSet<Long> answeredOffsets = new TreeSet<>();
                TreeSet<Long> unanswered = new TreeSet<>();
                sent.forEach((id, m) -> {
                    if (m.partition() == tp.partition()) {
                        (answered.contains(id) ? answeredOffsets : unanswered).add(m.offset());
                    }
                });
                long commit = committed.containsKey(tp) ? committed.get(tp).offset() : 0;
                long expected = answeredOffsets.isEmpty() ? 0 : answeredOffsets.last() + 1;
                assertThat(commit).as("partition %d committed offset = last answered + 1", p).isEqualTo(expected);
                assertThat(unanswered.headSet(commit)).as("partition %d requests consumed but unanswered", p).isEmpty();
            }
        }
    }

    /**
     * SIGTERM while a micro-batch runs longer than the drain timeout: the batch is given up whole. Nothing of it may
     * be written or committed — above all no {@code processing-failed} dead letter for requests whose encoder was
     * closed under them — so the group redelivers it to the next worker.
     */
    @Test
    void aBatchLongerThanTheDrainTimeoutIsNeitherWrittenNorCommitted() throws Exception {
        String bootstrap = KafkaBroker.bootstrapServers();
        String dlq = "shutdown.dlq." + run;
        KafkaTopics.create(requests, 1);
        KafkaTopics.create(answers, 3);
        KafkaTopics.create(dlq, 1);
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "QA_TOPIC_REQUESTS", requests,
                "QA_TOPIC_ANSWERS", answers, "QA_TOPIC_DEAD_LETTERS", dlq, "QA_GROUP_ID", group,
                "QA_SHUTDOWN_DRAIN_TIMEOUT", "PT1S");
        try (WorkerProcess worker = WorkerProcess.start("shutdown-timeout", env);
                var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                        new StringSerializer(), new StringSerializer())) {
            worker.awaitReady(Duration.ofSeconds(120));
            for (int i = 0; i < 2; i++) {
                String id = "sdt-" + run + "-" + i;
                producer.send(new ProducerRecord<>(requests, id, HeavyInputIT.request(id, "What is this passage about?",
                        HeavyInputIT.squadContexts(1).get(0)))).get();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (worker.metric("qa_inference_oldest_seconds") < 2) { // well inside the ~13 s batch
                assertThat(System.nanoTime()).as("the heavy batch started").isLessThan(deadline);
                Thread.sleep(100);
            }
            Integer exit = worker.terminate(EXIT_BOUND);
            assertThat(exit).as("exited within " + EXIT_BOUND + ":\n" + worker.tail()).isNotNull();
            assertThat(worker.output()).contains("still in flight after PT1S")
                    .contains("the micro-batch in flight is given up");

            assertThat(readAll(bootstrap)).as("no answer written").isEmpty();
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
                    "group.id", "dlq-reader-" + run), new StringDeserializer(), new StringDeserializer())) {
                TopicPartition p = new TopicPartition(dlq, 0);
                assertThat(consumer.endOffsets(List.of(p)).get(p)).as("no dead letter written (processing-failed "
                        + "for calls whose encoder closed under them)").isZero();
            }
            assertThat(committed(bootstrap)).as("nothing committed: the batch is redelivered").isEmpty();
        }
    }

    private Map<String, RecordMetadata> produce(String bootstrap) throws Exception {
        Map<String, Future<RecordMetadata>> futures = new HashMap<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < REQUESTS; i++) {
                String id = "sd-" + run + "-" + i;
                String value = "{\"id\":\"" + id + "\",\"question\":\"What helps?\",\"context\":\"Attention helps models "
                        + "focus on words. Recurrence is slow. Request " + i + " is here.\"}";
                futures.put(id, producer.send(new ProducerRecord<>(requests, id, value)));
            }
        }
        Map<String, RecordMetadata> sent = new HashMap<>();
        for (var e : futures.entrySet()) {
            sent.put(e.getKey(), e.getValue().get());
        }
        return sent;
    }

    private void awaitAnswers(String bootstrap, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readAll(bootstrap).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private Map<String, ConsumerRecord<String, String>> readAll(String bootstrap) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "group.id", "reader-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "enable.auto.commit", "false");
        Map<String, ConsumerRecord<String, String>> byId = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(answers, 0), new TopicPartition(answers, 1),
                    new TopicPartition(answers, 2));
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> byId.put(r.key(), r));
            }
        }
        return byId;
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        }
    }
}
