package dev.attentionqa.messaging;

import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What request-loop readiness reads: a consumer's open broker connections, from another thread than its own. */
class ConnectionCountTest {

    @Test
    void countsConnectionsOfAConsumerThatReachedItsBroker() throws Exception {
        String topic = "connection-count-" + UUID.randomUUID();
        KafkaTopics.create(topic, 1);
        try (var consumer = consumer(KafkaBroker.bootstrapServers())) {
            ConnectionCount count = new ConnectionCount(consumer);
            consumer.subscribe(List.of(topic));
            consumer.poll(Duration.ofSeconds(3));
            double[] seen = new double[1];
            Thread reader = new Thread(() -> seen[0] = count.read()); // as the health check does
            reader.start();
            reader.join();
            assertThat(seen[0]).isPositive();
        }
    }

    @Test
    void readsZeroWhileNoBrokerAnswers() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // free again once closed: nothing listens there
        }
        try (var consumer = consumer("localhost:" + closedPort)) {
            ConnectionCount count = new ConnectionCount(consumer);
            consumer.subscribe(List.of("nowhere"));
            consumer.poll(Duration.ofSeconds(2));
            assertThat(count.read()).isZero();
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "connection-count-" + UUID.randomUUID(),
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500), new StringDeserializer(), new StringDeserializer());
    }
}
