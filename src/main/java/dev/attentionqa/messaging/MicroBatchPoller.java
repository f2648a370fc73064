package dev.attentionqa.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
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
    private static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<String, byte[]> consumer;
    private final int maxRequests;
    private final Duration maxDelay;
    private final Deque<ConsumerRecord<String, byte[]>> held = new ArrayDeque<>();
    /** Rewound partitions still to be moved to their committed offsets before the next poll. */
    private final Set<TopicPartition> toCommitted = new HashSet<>();

    MicroBatchPoller(Consumer<String, byte[]> consumer, String topic, int maxRequests, Duration maxDelay) {
        this.consumer = consumer;
        this.maxRequests = maxRequests;
        this.maxDelay = maxDelay;
        consumer.subscribe(List.of(topic), this);
    }

    /** The next micro-batch, in partition order; empty when nothing arrived within an idle poll. */
    List<ConsumerRecord<String, byte[]>> next() {
        if (!seekToCommitted()) {
            return List.of();
        }
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

    /**
     * After a failed delivery: forget what is held, read every partition of the batch again from its start, and before
     * the next poll move each to its committed offset. A delivery can fail after all (a commit that timed out on the
     * client may still have been completed by the broker): the committed offset, not the batch, says where the
     * unanswered records start, so such a batch is not answered twice.
     */
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
                consumer.seek(tp, offset); // never past an unanswered record, whatever happens next
                toCommitted.add(tp);
            }
        });
    }

    /**
     * Seeks the rewound partitions to their committed offsets (read_committed consumers wait for pending transactional
     * offsets). False, after a pause, while the broker cannot tell: then nothing may be polled yet.
     */
    private boolean seekToCommitted() {
        toCommitted.retainAll(consumer.assignment());
        if (toCommitted.isEmpty()) {
            return true;
        }
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = consumer.committed(Set.copyOf(toCommitted), COMMITTED_TIMEOUT);
        } catch (KafkaException e) {
            LOG.warnf("committed offsets of %s not read (%s); trying again in %s", toCommitted, e, RetryPause.LENGTH);
            RetryPause.take();
            return false;
        }
        committed.forEach((tp, offset) -> {
            if (offset != null && offset.offset() > consumer.position(tp)) {
                LOG.warnf("%s: the failed delivery was committed after all; resuming at offset %d", tp, offset.offset());
                consumer.seek(tp, offset.offset());
            }
        });
        toCommitted.clear();
        return true;
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
        toCommitted.removeAll(partitions);
        int before = held.size();
        held.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
        LOG.infof("partitions %s %s; %d held record(s) dropped", partitions, how, before - held.size());
    }
}
