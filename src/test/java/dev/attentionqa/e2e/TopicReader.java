package dev.attentionqa.e2e;

import dev.attentionqa.testing.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads a topic from the beginning until records with every wanted key arrived (other tests' records are skipped). */
final class TopicReader {

    private TopicReader() {
    }

    static Map<String, ConsumerRecord<String, byte[]>> readKeys(String topic, Set<String> keys, Duration timeout) {
        Map<String, Object> config = Map.of("bootstrap.servers", KafkaBroker.bootstrapServers(),
                "group.id", "reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < keys.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(r.key())) {
                        found.putIfAbsent(r.key(), r);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Every record with a wanted key in the whole topic as it is now: assigns every partition and reads from the
     * beginning to the end offsets taken at the start. Unlike a time-boxed read it cannot end before it was assigned
     * partitions, so "nothing arrived" means nothing is there.
     */
    static List<ConsumerRecord<String, byte[]>> readToEnd(String topic, Set<String> keys, Duration timeout) {
        Map<String, Object> config = Map.of("bootstrap.servers", KafkaBroker.bootstrapServers(),
                "group.id", "to-end-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> found = new java.util.ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + end + " in " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    /**
     * How many records carry each wanted key: reads until every key was seen, then on to the end offsets of all
     * partitions as they are then, so that a duplicate written before that point is counted, not hidden.
     */
    static Map<String, Integer> countKeys(String topic, Set<String> keys, Duration timeout) {
        Map<String, Object> config = Map.of("bootstrap.servers", KafkaBroker.bootstrapServers(),
                "group.id", "counter-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        Map<String, Integer> counts = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<org.apache.kafka.common.TopicPartition, Long> end = null;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(r.key())) {
                        counts.merge(r.key(), 1, Integer::sum);
                    }
                }
                if (end == null && counts.size() == keys.size()) {
                    end = consumer.endOffsets(consumer.assignment());
                }
                if (end != null && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    break;
                }
            }
        }
        return counts;
    }
}
