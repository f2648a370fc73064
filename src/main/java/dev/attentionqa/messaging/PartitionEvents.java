package dev.attentionqa.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;

/**
 * Says in the log which request partitions this replica gets and gives up, and whether a micro-batch was being
 * answered then: operators read a rebalance from these lines. The connector calls it on its polling thread
 * ({@code consumer-rebalance-listener.name=qa-partition-events}).
 */
@ApplicationScoped
@Identifier("qa-partition-events")
class PartitionEvents implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(PartitionEvents.class);

    @Inject
    RequestConsumer requests;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("assigned %s", partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        if (requests.inFlight()) {
            // At-least-once: its answers are still written, their commit may fail, the new owner answers them again.
            // Exactly-once: the transaction sees the new group generation and aborts; the new owner answers them.
            LOG.infof("partitions %s revoked while a micro-batch is answered: their part of it is answered again "
                    + "by the new owner", partitions);
        }
        LOG.infof("partitions %s revoked; the connector drops what it held of them", partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            LOG.warnf("partitions %s lost; the connector drops what it held of them", partitions);
        }
    }
}
