package dev.attentionqa.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;

/**
 * A consumer's open connections to brokers, its own {@code connection-count} metric (group {@code consumer-metrics},
 * in Kafka's monitoring docs). The metric is looked up once, on the thread that owns the consumer; reading a Kafka
 * metric's value is thread-safe (Micrometer's {@code KafkaClientMetrics} scrapes it the same way), so the health
 * check reads it on its own thread.
 */
final class ConnectionCount {

    private final Metric metric;

    ConnectionCount(Consumer<?, ?> consumer) {
        this.metric = consumer.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("connection-count") && e.getKey().group().equals("consumer-metrics"))
                .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
    }

    /** The current count; 1 if this client has no such metric, so that its absence never makes the worker unready. */
    double read() {
        return metric == null ? 1 : ((Number) metric.metricValue()).doubleValue();
    }
}
