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
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;

/**
 * Takes micro-batches from the consumer: whatever is available up to {@code maxRequests} requests and
 * {@code maxTokens} model tokens (a request larger than that alone forms a batch of its own), waiting at most
 * {@code maxDelay} after the first record for more to arrive. Records polled beyond a batch wait for the next one;
 * those of partitions this replica loses in a rebalance are dropped (their new owner reads them from the committed
 * offset). While a batch is answered, {@link #keepPolling} pauses the partitions and goes on polling, so the group
 * never evicts this consumer for a long batch (KafkaConsumer's documented way to process slowly, see its "Detecting
 * Consumer Failures" section).
 */
final class MicroBatchPoller implements ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(MicroBatchPoller.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    /** How often the consumer polls (paused) while a batch is answered: well inside any max.poll.interval.ms. */
    static final Duration BUSY_POLL = Duration.ofMillis(200);
    private static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(10);

    /** A record and the model tokens answering it takes. */
    private record Held(ConsumerRecord<String, byte[]> record, long tokens) {
    }

    private final Consumer<String, byte[]> consumer;
    private final int maxRequests;
    private final long maxTokens;
    private final Duration maxDelay;
    private final ToLongFunction<byte[]> modelTokens;
    private final Deque<Held> held = new ArrayDeque<>();
    private long heldTokens;
    private long lastBatchTokens;
    /** Rewound partitions still to be moved to their committed offsets before the next poll. */
    private final Set<TopicPartition> toCommitted = new HashSet<>();
    /** The batch being answered while {@link #keepPolling} runs; else null. */
    private InFlight inFlight;

    /** What becomes of the micro-batch in hand when partitions leave this consumer while it is answered. */
    interface InFlight {
        /** Partitions are being revoked and this consumer still owns them: finish the batch and deliver it now. */
        void deliverNow();

        /** Partitions were lost (another member may own them already): the batch must not be delivered. */
        void abandon();
    }

    /**
     * @param modelTokens the model tokens a request value costs ({@code Answering#modelTokens}); 0 for one refused
     *                    without model work
     */
    MicroBatchPoller(Consumer<String, byte[]> consumer, String topic, int maxRequests, long maxTokens, Duration maxDelay,
                     ToLongFunction<byte[]> modelTokens) {
        this.consumer = consumer;
        this.maxRequests = maxRequests;
        this.maxTokens = maxTokens;
        this.maxDelay = maxDelay;
        this.modelTokens = modelTokens;
        consumer.subscribe(List.of(topic), this);
    }

    /** The next micro-batch, in partition order; empty when nothing arrived within an idle poll. */
    List<ConsumerRecord<String, byte[]>> next() {
        if (!seekToCommitted()) {
            return List.of();
        }
        if (held.isEmpty()) {
            hold(consumer.poll(IDLE_POLL));
        }
        if (held.isEmpty()) {
            return List.of();
        }
        long deadline = System.nanoTime() + maxDelay.toNanos();
        while (held.size() < maxRequests && heldTokens < maxTokens) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            hold(consumer.poll(Duration.ofNanos(left)));
        }
        // A prefix of what is held, so that every partition's part of the batch is a prefix of its records too.
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(Math.min(maxRequests, held.size()));
        long tokens = 0;
        while (batch.size() < maxRequests && !held.isEmpty()
                && (batch.isEmpty() || tokens + held.peek().tokens() <= maxTokens)) {
            Held h = held.poll();
            heldTokens -= h.tokens();
            tokens += h.tokens();
            batch.add(h.record());
        }
        lastBatchTokens = tokens;
        return batch;
    }

    /** The model tokens of the batch {@link #next} returned last. */
    long lastBatchTokens() {
        return lastBatchTokens;
    }

    /**
     * Polls with every assigned partition paused until {@code answered} completes, so the consumer stays in its
     * group however long the batch takes. If a rebalance revokes partitions meanwhile, the batch is finished and
     * delivered inside the rebalance, while this consumer still owns them ({@link InFlight#deliverNow}): no answer
     * is lost, and none is written twice (the new owner starts after the committed offsets). If they are lost
     * instead, the batch is abandoned.
     */
    void keepPolling(Future<?> answered, InFlight batch) {
        this.inFlight = batch;
        consumer.pause(consumer.assignment());
        try {
            while (!answered.isDone()) {
                hold(consumer.poll(BUSY_POLL)); // nothing from paused partitions; partitions assigned meanwhile are paused too
            }
        } finally {
            this.inFlight = null;
            consumer.resume(consumer.paused());
        }
    }

    private void hold(Iterable<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            long tokens = modelTokens.applyAsLong(r.value());
            held.add(new Held(r, tokens));
            heldTokens += tokens;
        }
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
        for (Held h : held) {
            first.merge(new TopicPartition(h.record().topic(), h.record().partition()), h.record().offset(), Math::min);
        }
        held.clear();
        heldTokens = 0;
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
        if (inFlight != null && !partitions.isEmpty()) {
            LOG.infof("partitions %s revoked while a micro-batch is answered: finishing and delivering it first", partitions);
            inFlight.deliverNow();
        }
        drop(partitions, "revoked");
    }

    /**
     * Lost (this consumer was already out of the group): another member may own them now, so the batch in hand must
     * not be delivered. Its delivery would fail anyway in exactly-once mode (fenced), but in at-least-once mode the
     * outputs would be written before the commit fails, repeating answers the new owner writes again.
     */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (inFlight != null && !partitions.isEmpty()) {
            LOG.warnf("partitions %s lost while a micro-batch is answered: it is not delivered", partitions);
            inFlight.abandon();
        }
        drop(partitions, "lost");
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        LOG.infof("assigned %s", partitions);
        if (inFlight != null) {
            consumer.pause(partitions); // a batch is being answered: new partitions wait for it too
        }
    }

    private void drop(Collection<TopicPartition> partitions, String how) {
        toCommitted.removeAll(partitions);
        int before = held.size();
        held.removeIf(h -> partitions.contains(new TopicPartition(h.record().topic(), h.record().partition())));
        heldTokens = held.stream().mapToLong(Held::tokens).sum();
        LOG.infof("partitions %s %s; %d held record(s) dropped", partitions, how, before - held.size());
    }
}
