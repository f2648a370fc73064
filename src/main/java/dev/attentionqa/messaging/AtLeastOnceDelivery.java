package dev.attentionqa.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Outputs first, offsets after every output was acknowledged by the broker (acks=all, idempotent producer): a
 * crash between the two repeats the batch's answers, never loses one.
 */
final class AtLeastOnceDelivery implements Delivery {

    private final Producer<String, byte[]> producer;

    AtLeastOnceDelivery(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public void deliver(List<ProducerRecord<String, byte[]>> outputs, Map<TopicPartition, OffsetAndMetadata> offsets,
                        Consumer<String, byte[]> consumer) throws DeliveryFailedException {
        try {
            List<Future<RecordMetadata>> sent = new ArrayList<>(outputs.size());
            outputs.forEach(r -> sent.add(producer.send(r)));
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
            consumer.commitSync(offsets);
        } catch (ExecutionException e) {
            throw new DeliveryFailedException("writing outputs failed", e.getCause());
        } catch (KafkaException e) {
            throw new DeliveryFailedException("committing offsets failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted while writing outputs", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
