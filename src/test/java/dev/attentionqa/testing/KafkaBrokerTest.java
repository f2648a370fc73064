package dev.attentionqa.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
        KafkaTopics.create("broker-test.partitions", 3);
        KafkaTopics.create("broker-test.partitions", 3); // again: an existing topic is accepted

        assertThat(companion.topics().describe("broker-test.partitions").get("broker-test.partitions")
                .partitions()).hasSize(3);
    }

    @Test
    void roundTripsKeysValuesAndHeaders() {
        KafkaTopics.create("broker-test.roundtrip", 3);
        companion.produceStrings().fromRecords(records("broker-test.roundtrip", 10)).awaitCompletion(WAIT);

        List<ConsumerRecord<String, String>> received = consumer("broker-test.roundtrip-reader")
                .fromTopics("broker-test.roundtrip", 10).awaitCompletion(WAIT).getRecords();

        assertThat(received).hasSize(10).allSatisfy(r -> {
            assertThat(r.value()).isEqualTo("value-" + r.key().substring("key-".length()));
            assertThat(KafkaCompanion.getHeader(r.headers(), "correlation-id")).isEqualTo("corr-" + r.key());
        });
        assertThat(received).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).mapToObj(i -> "key-" + i).toList());
    }

    @Test
    void consumerGroupCommitsOffsets() {
        KafkaTopics.create("broker-test.commits", 2);
        companion.produceStrings().fromRecords(records("broker-test.commits", 6)).awaitCompletion(WAIT);

        try (ConsumerTask<String, String> task = consumer("broker-test.committer")
                .withCommitSyncWhen(r -> true)
                .fromTopics("broker-test.commits", 6)) {
            task.awaitCompletion(WAIT);
        }

        long committed = companion.consumerGroups().offsets("broker-test.committer").values().stream()
                .mapToLong(OffsetAndMetadata::offset).sum();
        assertThat(committed).as("committed offsets summed over partitions").isEqualTo(6);
    }

    private io.smallrye.reactive.messaging.kafka.companion.ConsumerBuilder<String, String> consumer(String group) {
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
