package dev.attentionqa.e2e;

import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaBrokerResource;
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
        KafkaBroker.companion().produce(String.class, byte[].class).fromRecords(requests).awaitCompletion(Duration.ofSeconds(30));

        Map<String, Integer> answers = countByKey(ExactlyOnceProfile.ANSWERS, run, 21);
        Map<String, Integer> deadLetters = countByKey(ExactlyOnceProfile.DEAD_LETTERS, run, 3);

        assertThat(answers).hasSize(21).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(deadLetters).hasSize(3).containsKeys("eos-" + run + "-7", "eos-" + run + "-15", "eos-" + run + "-23");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(ExactlyOnceProfile.GROUP)
                    .partitionsToOffsetAndMetadata().get();
            assertThat(committed.get(new TopicPartition(ExactlyOnceProfile.REQUESTS, 0)).offset())
                    .as("offsets committed with the transactions").isGreaterThanOrEqualTo(24);
        }
        try (var consumer = reader("read_committed")) {
            TopicPartition p = new TopicPartition(ExactlyOnceProfile.ANSWERS, 0);
            long end = consumer.endOffsets(List.of(p)).get(p);
            assertThat(end).as("answer records plus at least one transaction marker").isGreaterThan(21);
        }
    }

    /** Reads {@code topic} from the start, read_committed, until {@code expected} keys of this run were seen and a second more. */
    private static Map<String, Integer> countByKey(String topic, String run, int expected) {
        Map<String, Integer> counts = new HashMap<>();
        try (var consumer = reader("read_committed")) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.key() != null && r.key().startsWith("eos-" + run + "-")) {
                        counts.merge(r.key(), 1, Integer::sum);
                    }
                }
                if (counts.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos(); // a late duplicate would show
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
