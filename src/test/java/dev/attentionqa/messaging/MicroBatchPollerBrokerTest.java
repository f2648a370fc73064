package dev.attentionqa.messaging;

import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaTopics;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The poller against a real broker: micro-batches cut by model tokens, a consumer that keeps its place in the group
 * through a batch longer than {@code max.poll.interval.ms}, and a rebalance in the middle of a batch. Each value here
 * is its own cost in model tokens ("4" costs 4), so the cuts can be checked exactly.
 */
class MicroBatchPollerBrokerTest {

    private static final Duration SLOW = Duration.ofMillis(20);

    @Test
    void cutsMicroBatchesByModelTokensAndLetsALargerRequestRunAlone() throws Exception {
        String topic = topic(1);
        produce(topic, 0, "4", "4", "4", "20", "1", "3", "3");
        try (KafkaConsumer<String, byte[]> consumer = consumer(Map.of())) {
            MicroBatchPoller poller = new MicroBatchPoller(consumer, topic, 32, 10, SLOW, MicroBatchPollerBrokerTest::cost);
            List<List<String>> batches = batches(poller, 7);
            assertThat(batches).as("prefixes of at most 10 tokens; the 20-token request alone")
                    .containsExactly(List.of("4", "4"), List.of("4"), List.of("20"), List.of("1", "3", "3"));
        }
    }

    @Test
    void maxRequestsStillBoundsABatchOfCheapRequests() throws Exception {
        String topic = topic(1);
        produce(topic, 0, "1", "1", "1", "1", "1");
        try (KafkaConsumer<String, byte[]> consumer = consumer(Map.of())) {
            MicroBatchPoller poller = new MicroBatchPoller(consumer, topic, 2, 1000, SLOW, MicroBatchPollerBrokerTest::cost);
            assertThat(batches(poller, 5)).extracting(List::size).containsExactly(2, 2, 1);
        }
    }

    /**
     * A batch that runs three times {@code max.poll.interval.ms}: polling with the partitions paused keeps the
     * consumer's generation, and its commit then succeeds. The same wait without polling costs the consumer its
     * place (the commit fails), which shows the first half could fail.
     */
    @Test
    void keepsItsPlaceInTheGroupThroughABatchLongerThanMaxPollInterval() throws Exception {
        String topic = topic(1);
        produce(topic, 0, "1", "1", "1", "1");
        Map<String, Object> shortInterval = Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 2000);
        try (KafkaConsumer<String, byte[]> consumer = consumer(shortInterval)) {
            MicroBatchPoller poller = new MicroBatchPoller(consumer, topic, 2, 1000, SLOW, MicroBatchPollerBrokerTest::cost);
            List<ConsumerRecord<String, byte[]>> first = nonEmpty(poller);
            int generation = consumer.groupMetadata().generationId();
            CompletableFuture<Void> sixSeconds = CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(6, TimeUnit.SECONDS));
            poller.keepPolling(sixSeconds, new Recording(consumer, first));
            assertThat(consumer.groupMetadata().generationId()).as("same generation: no rebalance").isEqualTo(generation);
            assertThat(consumer.paused()).as("partitions resumed after the batch").isEmpty();
            consumer.commitSync(MicroBatchPoller.nextOffsets(first));

            List<ConsumerRecord<String, byte[]>> second = nonEmpty(poller);
            Thread.sleep(6000); // the same batch time without polling
            assertThatThrownBy(() -> consumer.commitSync(MicroBatchPoller.nextOffsets(second)))
                    .as("without polling the group evicted the consumer").isInstanceOf(CommitFailedException.class);
        }
    }

    /**
     * A second member joins while the first answers a batch: the first delivers (commits) the batch inside the
     * rebalance, before giving up partitions, so the member that takes them over starts right after the batch.
     */
    @Test
    void aRebalanceDuringABatchWaitsForItsDelivery() throws Exception {
        String topic = topic(2);
        produce(topic, 0, "1", "1", "1");
        produce(topic, 1, "1", "1", "1");
        String group = "g-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> first = consumer(group, Map.of())) {
            MicroBatchPoller poller = new MicroBatchPoller(first, topic, 32, 1000, Duration.ofMillis(500),
                    MicroBatchPollerBrokerTest::cost);
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
            while (batch.size() < 6) {
                batch.addAll(poller.next());
            }
            CompletableFuture<Void> answered = new CompletableFuture<>();
            Recording inFlight = new Recording(first, batch) {
                @Override
                public void deliverNow() {
                    answered.complete(null); // the answers are ready; deliver them now
                    super.deliverNow();
                }
            };
            AtomicReference<List<ConsumerRecord<String, byte[]>>> taken = new AtomicReference<>(List.of());
            AtomicBoolean stop = new AtomicBoolean();
            Thread second = new Thread(() -> {
                try (KafkaConsumer<String, byte[]> other = consumer(group, Map.of())) {
                    other.subscribe(List.of(topic));
                    List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();
                    while (!stop.get()) {
                        other.poll(Duration.ofMillis(100)).forEach(seen::add);
                        taken.set(List.copyOf(seen));
                    }
                }
            });
            second.start();
            CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS).execute(() -> answered.complete(null));
            poller.keepPolling(answered, inFlight);
            produce(topic, 0, "1");
            produce(topic, 1, "1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (taken.get().isEmpty() && System.nanoTime() < deadline) {
                first.poll(Duration.ofMillis(100));
                Thread.sleep(50);
            }
            stop.set(true);
            second.join(10_000);
            assertThat(inFlight.delivered).as("the batch was delivered inside the rebalance").isTrue();
            assertThat(taken.get()).as("the new owner starts after the delivered batch: nothing answered twice")
                    .isNotEmpty().allMatch(r -> r.offset() == 3);
        }
    }

    /** An in-flight batch whose delivery commits its offsets, as the request loop's does. */
    private static class Recording implements MicroBatchPoller.InFlight {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> batch;
        volatile boolean delivered;

        Recording(KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> batch) {
            this.consumer = consumer;
            this.batch = batch;
        }

        @Override
        public void deliverNow() {
            consumer.commitSync(MicroBatchPoller.nextOffsets(batch));
            delivered = true;
        }

        @Override
        public void abandon() {
            throw new AssertionError("no partition may be lost here");
        }
    }

    private static long cost(byte[] value) {
        return Long.parseLong(new String(value, StandardCharsets.UTF_8));
    }

    private static List<List<String>> batches(MicroBatchPoller poller, int records) {
        List<List<String>> batches = new ArrayList<>();
        int seen = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen < records && System.nanoTime() < deadline) {
            List<ConsumerRecord<String, byte[]>> batch = poller.next();
            if (!batch.isEmpty()) {
                batches.add(batch.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
                seen += batch.size();
            }
        }
        return batches;
    }

    private static List<ConsumerRecord<String, byte[]>> nonEmpty(MicroBatchPoller poller) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<ConsumerRecord<String, byte[]>> batch = poller.next();
            if (!batch.isEmpty()) {
                return batch;
            }
        }
        throw new AssertionError("no batch within 30 s");
    }

    private static String topic(int partitions) {
        String topic = "poller-" + UUID.randomUUID();
        KafkaTopics.create(topic, partitions);
        return topic;
    }

    private static void produce(String topic, int partition, String... values) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", KafkaBroker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, partition, null, v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(Map<String, Object> extra) {
        return consumer("g-" + UUID.randomUUID(), extra);
    }

    private static KafkaConsumer<String, byte[]> consumer(String group, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        p.putAll(extra);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
