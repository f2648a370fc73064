package dev.attentionqa.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes micro-batches from the consumer: whatever is available up to {@code maxRequests}, waiting at most
 * {@code maxDelay} after the first record for more to arrive. Records polled beyond a batch wait for the next one;
 * those of partitions this replica loses in a rebalance are dropped (their new owner reads them from the
 * committed offset).
 */
final class MicroBatchPoller implements ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(MicroBatchPoller.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final Consumer<String, byte[]> consumer;
    private final int maxRequests;
    private final Duration maxDelay;
    private final Deque<ConsumerRecord<String, byte[]>> held = new ArrayDeque<>();

    MicroBatchPoller(Consumer<String, byte[]> consumer, String topic, int maxRequests, Duration maxDelay) {
        this.consumer = consumer;
        this.maxRequests = maxRequests;
        this.maxDelay = maxDelay;
        consumer.subscribe(List.of(topic), this);
    }

    /** The next micro-batch, in partition order; empty when nothing arrived within an idle poll. */
    List<ConsumerRecord<String, byte[]>> next() {
        if (held.isEmpty()) {
            consumer.poll(IDLE_POLL).forEach(held::add);
        }
        if (held.isEmpty()) {
            return List.of();
        }
        long deadline = System.nanoTime() + maxDelay.toNanos();
        while (held.size() < maxRequests) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            consumer.poll(Duration.ofNanos(left)).forEach(held::add);
        }
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(Math.min(maxRequests, held.size()));
        while (batch.size() < maxRequests && !held.isEmpty()) {
            batch.add(held.poll());
        }
        return batch;
    }

    /** After a failed delivery: forget what is held and read every partition of the batch again from its start. */
    void rewind(List<ConsumerRecord<String, byte[]>> batch) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        for (ConsumerRecord<String, byte[]> r : held) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        held.clear();
        Set<TopicPartition> owned = consumer.assignment();
        first.forEach((tp, offset) -> {
            if (owned.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
    }

    /** The offsets to commit after a batch: one past its last record, per partition. */
    static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            offsets.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        drop(partitions, "revoked");
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        drop(partitions, "lost");
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        LOG.infof("assigned %s", partitions);
    }

    private void drop(Collection<TopicPartition> partitions, String how) {
        int before = held.size();
        held.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
        LOG.infof("partitions %s %s; %d held record(s) dropped", partitions, how, before - held.size());
    }
}
