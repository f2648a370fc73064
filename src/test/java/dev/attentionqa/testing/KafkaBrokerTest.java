package dev.attentionqa.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerBuilder;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared test broker really stores, delivers and commits: records, headers and group offsets. */
class KafkaBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    // Fresh names per run: with KAFKA_BOOTSTRAP_SERVERS the broker outlives the test JVM.
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private KafkaCompanion companion;

    @BeforeEach
    void openCompanion() {
        companion = KafkaBroker.companion();
    }

    @AfterEach
    void closeCompanion() {
        companion.close();
    }

    @Test
    void createsTopicWithRequestedPartitions() {
        String topic = "broker-test.partitions." + run;
        KafkaTopics.create(topic, 3);
        KafkaTopics.create(topic, 3); // again: an existing topic is accepted

        assertThat(companion.topics().describe(topic).get(topic).partitions()).hasSize(3);
    }

    @Test
    void roundTripsKeysValuesAndHeaders() {
        String topic = "broker-test.roundtrip." + run;
        KafkaTopics.create(topic, 3);
        companion.produceStrings().fromRecords(records(topic, 10)).awaitCompletion(WAIT);

        List<ConsumerRecord<String, String>> received = consumer("reader." + run)
                .fromTopics(topic, 10).awaitCompletion(WAIT).getRecords();

        assertThat(received).hasSize(10).allSatisfy(r -> {
            assertThat(r.value()).isEqualTo("value-" + r.key().substring("key-".length()));
            assertThat(KafkaCompanion.getHeader(r.headers(), "correlation-id")).isEqualTo("corr-" + r.key());
        });
        assertThat(received).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).mapToObj(i -> "key-" + i).toList());
    }

    @Test
    void consumerGroupCommitsOffsets() {
        String topic = "broker-test.commits." + run;
        String group = "committer." + run;
        KafkaTopics.create(topic, 2);
        companion.produceStrings().fromRecords(records(topic, 6)).awaitCompletion(WAIT);

        try (ConsumerTask<String, String> task = consumer(group).withCommitSyncWhen(r -> true).fromTopics(topic, 6)) {
            task.awaitCompletion(WAIT);
        }

        long committed = companion.consumerGroups().offsets(group).values().stream()
                .mapToLong(OffsetAndMetadata::offset).sum();
        assertThat(committed).as("committed offsets summed over partitions").isEqualTo(6);
    }

    private ConsumerBuilder<String, String> consumer(String group) {
        return companion.consumeStrings()
                .withGroupId(group)
                .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    private static List<ProducerRecord<String, String>> records(String topic, int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add("correlation-id", ("corr-key-" + i).getBytes(StandardCharsets.UTF_8));
            return new ProducerRecord<>(topic, null, "key-" + i, "value-" + i, headers);
        }).toList();
    }
}
