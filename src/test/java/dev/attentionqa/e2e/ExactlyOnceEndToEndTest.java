package dev.attentionqa.e2e;

import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaBrokerResource;
import dev.attentionqa.testing.KafkaTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once mode on the real broker: each request's answer or dead letter appears once for a read_committed
 * reader, written in transactions (their commit markers take offsets too), with the group's offsets committed in
 * the same transactions.
 */
@QuarkusTest
@TestProfile(ExactlyOnceProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class ExactlyOnceEndToEndTest {

    private static final String GOOD = "{\"id\":\"%s\",\"question\":\"What helps?\",\"context\":\"Attention helps models focus. Recurrence is slow.\",\"options\":{\"explain\":false}}";

    @Test
    void answersEachRequestOnceInTransactionsThatAlsoCommitTheOffsets() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ProducerRecord<String, byte[]>> requests = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String id = "eos-" + run + "-" + i;
            String value = i % 8 == 7 ? "{\"id\":\"" + id + "\"" : GOOD.formatted(id); // every 8th is malformed
            requests.add(new ProducerRecord<>(ExactlyOnceProfile.REQUESTS, id, value.getBytes(StandardCharsets.UTF_8)));
        }
        KafkaTopics.create(ExactlyOnceProfile.ANSWERS, 1); // so that its end offset can be read before any answer
        long answersBefore = endOffset(ExactlyOnceProfile.ANSWERS, "read_uncommitted");
        KafkaBroker.companion().produce(String.class, byte[].class).fromRecords(requests).awaitCompletion(Duration.ofSeconds(30));
        long requestsEnd = endOffset(ExactlyOnceProfile.REQUESTS, "read_uncommitted");

        Map<String, Integer> answers = countByKey(ExactlyOnceProfile.ANSWERS, run, 21);
        Map<String, Integer> deadLetters = countByKey(ExactlyOnceProfile.DEAD_LETTERS, run, 3);

        assertThat(answers).hasSize(21).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(deadLetters).hasSize(3).containsKeys("eos-" + run + "-7", "eos-" + run + "-15", "eos-" + run + "-23");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(ExactlyOnceProfile.GROUP)
                    .partitionsToOffsetAndMetadata().get();
            assertThat(committed.get(new TopicPartition(ExactlyOnceProfile.REQUESTS, 0)).offset())
                    .as("every request's offset committed").isEqualTo(requestsEnd);
        }
        // Transactions leave commit markers in the log, each taking an offset no reader sees: without them the
        // answers written since the start would fill the offsets exactly.
        long answersAfter = endOffset(ExactlyOnceProfile.ANSWERS, "read_uncommitted");
        long records = recordsBetween(ExactlyOnceProfile.ANSWERS, answersBefore, answersAfter);
        assertThat(records).as("answer records written by this run").isEqualTo(21);
        assertThat(answersAfter - answersBefore).as("offsets taken: the 21 answers plus transaction markers")
                .isGreaterThan(records);
    }

    private static long endOffset(String topic, String isolation) {
        try (var consumer = reader(isolation)) {
            TopicPartition p = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(p)).get(p);
        }
    }

    /** Data records (markers are skipped by the client) in offsets [from, to) of partition 0. */
    private static long recordsBetween(String topic, long from, long to) {
        TopicPartition p = new TopicPartition(topic, 0);
        long n = 0;
        try (var consumer = reader("read_uncommitted")) {
            consumer.assign(List.of(p));
            consumer.seek(p, from);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(p) < to && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < to) {
                        n++;
                    }
                }
            }
            assertThat(consumer.position(p)).as("read up to offset " + to).isGreaterThanOrEqualTo(to);
        }
        return n;
    }

    /**
     * Reads partition 0 of {@code topic} from the start, read_committed, until {@code expected} keys of this run were
     * seen, then on to the end offset of that moment (the last stable offset): a duplicate committed with those
     * answers would be counted, however quickly the read went.
     */
    private static Map<String, Integer> countByKey(String topic, String run, int expected) {
        Map<String, Integer> counts = new HashMap<>();
        TopicPartition p = new TopicPartition(topic, 0);
        try (var consumer = reader("read_committed")) {
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long end = Long.MAX_VALUE;
            while (consumer.position(p) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.key() != null && r.key().startsWith("eos-" + run + "-")) {
                        counts.merge(r.key(), 1, Integer::sum);
                    }
                }
                if (counts.size() >= expected && end == Long.MAX_VALUE) {
                    end = consumer.endOffsets(List.of(p)).get(p);
                }
            }
        }
        return counts;
    }

    private static KafkaConsumer<String, byte[]> reader(String isolation) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers(),
                "group.id", "eos-reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", isolation), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
