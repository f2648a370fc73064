package dev.attentionqa.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * At-least-once commits that survive a broker outage (commit strategy {@value #ID}). The connector's {@code latest}
 * strategy sends one asynchronous commit per acknowledgement and drops one that fails, so a commit lost while the
 * broker was away leaves the group's offset behind and the next owner of the partition answers again everything since
 * the last commit that landed. This one keeps each partition's highest acknowledged offset until a commit of it
 * succeeds: commits run synchronously on the polling thread, one at a time, a failed one is retried every
 * {@link #RETRY_EVERY}, and what is pending is committed when partitions are revoked and when the channel stops.
 */
public final class RetryingCommit implements KafkaCommitHandler {

    /** The {@code commit-strategy} value that selects this handler. */
    public static final String ID = "retrying-latest";
    /** Pause between a failed commit and the next try. */
    static final Duration RETRY_EVERY = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(RetryingCommit.class);

    /** Found by the connector as the CDI bean named {@value #ID}. */
    @ApplicationScoped
    @Identifier(ID)
    public static class Factory implements KafkaCommitHandler.Factory {
        @Override
        public KafkaCommitHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                                         KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
            return new RetryingCommit(vertx, consumer);
        }
    }

    private final Vertx vertx;
    private final KafkaConsumer<?, ?> consumer;
    /** Highest acknowledged offset + 1 per partition, until a commit of it succeeds. Guarded by this. */
    private final Map<TopicPartition, Long> pending = new HashMap<>();
    /** Whether a commit is on its way (one at a time keeps the offsets committed in order). Guarded by this. */
    private boolean committing;
    private boolean terminated;

    RetryingCommit(Vertx vertx, KafkaConsumer<?, ?> consumer) {
        this.vertx = vertx;
        this.consumer = consumer;
    }

    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
        synchronized (this) {
            pending.merge(new TopicPartition(record.getTopic(), record.getPartition()), record.getOffset() + 1, Math::max);
        }
        commitPending();
        return Uni.createFrom().voidItem().runSubscriptionOn(record::runOnMessageContext);
    }

    /** Called by the connector on the polling thread: commit what is pending for these partitions before they go. */
    @Override
    public void partitionsRevoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> revoked = new HashMap<>();
        synchronized (this) {
            for (TopicPartition p : partitions) {
                Long offset = pending.remove(p);
                if (offset != null) {
                    revoked.put(p, new OffsetAndMetadata(offset));
                }
            }
        }
        if (!revoked.isEmpty()) {
            try {
                consumer.unwrap().commitSync(revoked);
            } catch (KafkaException e) {
                // the partitions are gone: their next owner repeats what this commit covered (at-least-once)
                LOG.warnf("commit of revoked partitions %s failed: %s", revoked, e.toString());
            }
        }
    }

    @Override
    public void terminate(boolean graceful) {
        Map<TopicPartition, OffsetAndMetadata> last;
        synchronized (this) {
            terminated = true;
            last = offsets(pending);
        }
        if (graceful && !last.isEmpty() && !Context.isOnEventLoopThread()) {
            try {
                consumer.runOnPollingThread(c -> {
                    commitOwned(c, last);
                }).await().atMost(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warnf("last commit %s failed on shutdown: %s", last, e.toString());
            }
        }
    }

    private void commitPending() {
        Map<TopicPartition, OffsetAndMetadata> offsets;
        synchronized (this) {
            if (committing || terminated || pending.isEmpty()) {
                return;
            }
            committing = true;
            offsets = offsets(pending);
        }
        consumer.runOnPollingThread(c -> {
            commitOwned(c, offsets);
        }).subscribe().with(ok -> committed(offsets), failure -> failed(offsets, failure));
    }

    private void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        synchronized (this) {
            committing = false;
            offsets.forEach((p, o) -> pending.remove(p, o.offset())); // kept when a later ack moved it on
        }
        commitPending();
    }

    private void failed(Map<TopicPartition, OffsetAndMetadata> offsets, Throwable failure) {
        synchronized (this) {
            committing = false;
        }
        LOG.warnf("commit of %s failed, retrying in %s: %s", offsets, RETRY_EVERY, failure.toString());
        vertx.setTimer(RETRY_EVERY.toMillis(), id -> commitPending());
    }

    /** Commits the offsets of partitions this consumer still owns: a revoked one's pending offset went with it. */
    private static void commitOwned(Consumer<?, ?> c, Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(offsets);
        owned.keySet().retainAll(c.assignment());
        if (!owned.isEmpty()) {
            c.commitSync(owned);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(Map<TopicPartition, Long> pending) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        pending.forEach((p, o) -> out.put(p, new OffsetAndMetadata(o)));
        return out;
    }
}
