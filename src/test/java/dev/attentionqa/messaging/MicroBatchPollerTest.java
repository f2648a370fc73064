package dev.attentionqa.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the poller reads after a failed delivery. Kafka's {@link MockConsumer} stands in for the broker here because
 * the case that matters — a commit the client saw time out but the broker completed — cannot be forced on a real one.
 */
class MicroBatchPollerTest {

    private static final TopicPartition TP = new TopicPartition("requests", 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private MicroBatchPoller poller;

    @BeforeEach
    void assignOnePartitionWithSixRecords() {
        poller = new MicroBatchPoller(consumer, TP.topic(), 3, Long.MAX_VALUE, Duration.ofMillis(5), value -> 1);
        consumer.rebalance(List.of(TP));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        fetch(0);
    }

    @Test
    void takesMicroBatchesOfAtMostMaxRequestsInOffsetOrder() {
        assertThat(offsets(poller.next())).containsExactly(0L, 1L, 2L);
        assertThat(offsets(poller.next())).containsExactly(3L, 4L, 5L);
        assertThat(poller.next()).isEmpty();
    }

    @Test
    void afterAFailedDeliveryReadsTheBatchAgainFromItsFirstRecord() {
        List<ConsumerRecord<String, byte[]>> batch = poller.next();
        poller.rewind(batch);
        fetch(0); // the broker sends the records again from the rewound position
        assertThat(offsets(poller.next())).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aDeliveryThatWasCommittedAfterAllIsNotAnsweredTwice() {
        List<ConsumerRecord<String, byte[]>> batch = poller.next();
        consumer.commitSync(MicroBatchPoller.nextOffsets(batch)); // the broker completed the "failed" commit
        poller.rewind(batch);
        fetch(0);
        assertThat(offsets(poller.next())).as("resumes at the committed offset").containsExactly(3L, 4L, 5L);
        assertThat(consumer.committed(java.util.Set.of(TP)).get(TP)).isEqualTo(new OffsetAndMetadata(3L));
    }

    /** Makes records {@code from}…5 available to the next poll (MockConsumer forgets what it returned). */
    private void fetch(long from) {
        for (long offset = from; offset < 6; offset++) {
            consumer.addRecord(new ConsumerRecord<>(TP.topic(), TP.partition(), offset, "k" + offset, new byte[] {1}));
        }
    }

    private static List<Long> offsets(List<ConsumerRecord<String, byte[]>> batch) {
        return batch.stream().map(ConsumerRecord::offset).toList();
    }
}
