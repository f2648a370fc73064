package dev.attentionqa.messaging;

import dev.attentionqa.config.WorkerConfig;

/** The delivery guarantee (qa.delivery.mode) and what it asks of the request channel. */
enum DeliveryMode {

    /**
     * Outputs first, then the batch is acknowledged and its offsets committed ({@link RetryingCommit}: retried until
     * they land or the partition is revoked): a crash between the two repeats answers, never loses one. Requests
     * written in transactions are read once committed, plain ones at once.
     */
    AT_LEAST_ONCE("at-least-once", RetryingCommit.ID, "read_uncommitted", "fail"),

    /**
     * Outputs and offsets in one Kafka transaction per poll ({@code KafkaTransactions}); the transaction commits the
     * offsets, so the connector commits none (strategy {@code ignore}). An aborted transaction leaves the batch
     * unacknowledged and the connector rewinds to the committed offsets; failure strategy {@code ignore} as the
     * connector's transactions guide asks.
     */
    EXACTLY_ONCE("exactly-once", "ignore", "read_committed", "ignore");

    final String id;
    final String commitStrategy;
    final String isolationLevel;
    final String failureStrategy;

    DeliveryMode(String id, String commitStrategy, String isolationLevel, String failureStrategy) {
        this.id = id;
        this.commitStrategy = commitStrategy;
        this.isolationLevel = isolationLevel;
        this.failureStrategy = failureStrategy;
    }

    static DeliveryMode of(WorkerConfig config) {
        return EXACTLY_ONCE.id.equals(config.delivery().mode()) ? EXACTLY_ONCE : AT_LEAST_ONCE;
    }
}
