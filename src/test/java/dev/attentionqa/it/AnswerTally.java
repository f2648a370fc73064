package dev.attentionqa.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Reads an output topic from its start on a thread of its own, for as long as the test runs, and counts the records
 * per request id (the {@code id} field of the JSON value). The reader rides out a broker outage like any consumer:
 * it just polls until the broker is back. {@code read_committed} sees what a downstream exactly-once reader sees.
 */
final class AnswerTally implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> firstTimestamps = new ConcurrentHashMap<>();
    private final AtomicInteger records = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts reading all {@code partitions} of {@code topic}; {@code isolation} is read_committed or read_uncommitted. */
    AnswerTally(String bootstrap, String topic, int partitions, String isolation) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "group.id", "tally-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "enable.auto.commit", "false", "isolation.level", isolation),
                new StringDeserializer(), new StringDeserializer());
        consumer.assign(IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList());
        consumer.seekToBeginning(consumer.assignment());
        thread = new Thread(this::run, "tally-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    String id = idOf(r);
                    counts.merge(id, 1, Integer::sum);
                    firstTimestamps.putIfAbsent(id, r.timestamp());
                    records.incrementAndGet();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable t) {
            failure.set(t);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static String idOf(ConsumerRecord<String, String> r) throws IOException {
        JsonNode id = JSON.readTree(r.value()).get("id");
        if (id == null || !id.isTextual()) {
            throw new IllegalStateException("output record without an id at " + r.topic() + "-" + r.partition()
                    + "@" + r.offset() + ": " + r.value());
        }
        return id.asText();
    }

    /** Distinct ids seen so far; throws if the reader failed (as every read here does). */
    int distinct() {
        requireReading();
        return counts.size();
    }

    /** Records read so far (duplicates included). */
    int records() {
        requireReading();
        return records.get();
    }

    /** A reader that died would count nothing more, and a run could pass without reading dead letters: fail instead. */
    private void requireReading() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("the output reader failed", t);
        }
    }

    /** When each id's first record was written (its producer's timestamp, ms since the epoch). */
    Map<String, Long> firstTimestamps() {
        requireReading();
        return Map.copyOf(firstTimestamps);
    }

    /** A snapshot of the per-id counts. */
    Map<String, Integer> counts() {
        requireReading();
        return Map.copyOf(counts);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }

    /** Ids seen more than once, with their counts, sorted by id. */
    List<Map.Entry<String, Integer>> duplicated() {
        requireReading();
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).sorted(Map.Entry.comparingByKey()).toList();
    }
}
