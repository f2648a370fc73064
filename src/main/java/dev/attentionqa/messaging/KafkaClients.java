package dev.attentionqa.messaging;

import dev.attentionqa.config.WorkerConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/**
 * The request consumer and the output producer, configured from every {@code kafka.*} property (bootstrap
 * servers, security: the same settings the page's channel uses) plus what the delivery mode needs.
 */
@ApplicationScoped
class KafkaClients {

    static final String CONSUMER_CLIENT_ID = "kafka-consumer-requests";
    static final String PRODUCER_CLIENT_ID = "kafka-producer-outputs";

    private final Map<String, Object> common;
    private final WorkerConfig config;

    @Inject
    KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafka, WorkerConfig config) {
        this.common = Map.copyOf(kafka);
        this.config = config;
    }

    boolean exactlyOnce() {
        return Delivery.EXACTLY_ONCE.equals(config.delivery().mode());
    }

    KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> p = new HashMap<>(common);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumer().groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, CONSUMER_CLIENT_ID);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batching().maxRequests());
        // Requests written in transactions are seen once committed; plain ones at once, either way.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, exactlyOnce() ? "read_committed" : "read_uncommitted");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    KafkaProducer<String, byte[]> producer() {
        Map<String, Object> p = new HashMap<>(common);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        if (exactlyOnce()) {
            String id = transactionalId();
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, PRODUCER_CLIENT_ID + "-" + id);
        } else {
            p.put(ProducerConfig.CLIENT_ID_CONFIG, PRODUCER_CLIENT_ID);
        }
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    String transactionalId() {
        return config.delivery().transactionalId().orElseGet(() -> "attention-qa-worker-" + hostName());
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME"); // the pod name in Kubernetes
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
