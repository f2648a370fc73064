package dev.attentionqa.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;

/** Writes one micro-batch's outputs and commits its offsets, with the guarantee of the configured mode. */
interface Delivery extends AutoCloseable {

    /** Mode names as configured (qa.delivery.mode). */
    String AT_LEAST_ONCE = "at-least-once";
    String EXACTLY_ONCE = "exactly-once";

    /**
     * Writes {@code outputs} in order and commits {@code offsets} (the next offset to read per partition); on
     * failure nothing is committed, and the caller rewinds and consumes the batch again.
     */
    void deliver(List<ProducerRecord<String, byte[]>> outputs, Map<TopicPartition, OffsetAndMetadata> offsets,
                 Consumer<String, byte[]> consumer) throws DeliveryFailedException;

    @Override
    void close();
}
