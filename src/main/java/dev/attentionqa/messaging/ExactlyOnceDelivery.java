package dev.attentionqa.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Consume-transform-produce in one Kafka transaction per micro-batch (KIP-98, with KIP-447's group-metadata
 * fencing): the outputs and the batch's offsets commit together or not at all, so readers with
 * {@code isolation.level=read_committed} see each answer exactly once. After an error the transaction is aborted;
 * after a fatal one (fenced, out of sequence) the producer is replaced, and its {@code initTransactions} aborts
 * whatever the old one left open.
 */
final class ExactlyOnceDelivery implements Delivery {

    private static final Logger LOG = Logger.getLogger(ExactlyOnceDelivery.class);

    private final Supplier<Producer<String, byte[]>> newProducer;
    private Producer<String, byte[]> producer;

    /** @param newProducer makes a producer with a transactional.id; called again after a fatal error */
    ExactlyOnceDelivery(Supplier<Producer<String, byte[]>> newProducer) {
        this.newProducer = newProducer;
    }

    @Override
    public void deliver(List<ProducerRecord<String, byte[]>> outputs, Map<TopicPartition, OffsetAndMetadata> offsets,
                        Consumer<String, byte[]> consumer) throws DeliveryFailedException {
        Producer<String, byte[]> p = producer();
        try {
            p.beginTransaction();
            outputs.forEach(p::send); // a failed send fails the commit below
            p.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            p.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException
                 | UnsupportedVersionException | AuthorizationException e) {
            replaceProducer();
            throw new DeliveryFailedException("transaction failed fatally, producer replaced", e);
        } catch (KafkaException e) {
            abort();
            throw new DeliveryFailedException("transaction aborted", e);
        }
    }

    private Producer<String, byte[]> producer() throws DeliveryFailedException {
        if (producer == null) {
            Producer<String, byte[]> p = newProducer.get();
            try {
                p.initTransactions();
            } catch (KafkaException e) {
                p.close(Duration.ZERO);
                throw new DeliveryFailedException("initialising transactions failed", e);
            }
            producer = p;
        }
        return producer;
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.warnf("abort failed (%s): replacing the producer", e.toString());
            replaceProducer();
        }
    }

    /**
     * Closes the producer and starts its successor at once: the successor's {@code initTransactions} completes or
     * aborts whatever the old one left open, so the group's committed offsets are stable again when the request loop
     * reads them to rewind. If the broker cannot be reached yet, the next delivery tries again.
     */
    private void replaceProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
        try {
            producer();
        } catch (DeliveryFailedException e) {
            LOG.warnf("new transactional producer not ready yet (%s); the next delivery tries again", String.valueOf(e.getCause()));
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
