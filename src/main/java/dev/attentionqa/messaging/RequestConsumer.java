package dev.attentionqa.messaging;

import dev.attentionqa.ops.ShutdownDrain;
import dev.attentionqa.ops.WorkerMetrics;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code requests} one record at a time, in partition order: every record ends as exactly one
 * answer or one dead letter, and its offset is acknowledged (and counted in the metrics) only after that
 * record was written. Once shutdown began, records are no longer taken ({@link ShutdownDrain}).
 */
@ApplicationScoped
public class RequestConsumer {

    @Inject
    RequestHandler handler;

    @Inject
    AnswerPublisher answers;

    @Inject
    DeadLetterPublisher deadLetters;

    @Inject
    WorkerMetrics metrics;

    @Inject
    ShutdownDrain drain;

    @Incoming("requests")
    public Uni<Void> consume(Message<byte[]> message) {
        if (!drain.admit()) {
            // Shutting down: never acknowledged, so never committed; the group redelivers it after the rebalance.
            return Uni.createFrom().nothing();
        }
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        // The connector's receive span, itself a child of the request's traceparent.
        Context parent = TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext).orElse(Context.current());
        return Uni.createFrom().item(() -> handler.handle(message.getPayload(), record, parent))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(outcome -> publish(outcome, message.getPayload(), record).invoke(() -> count(outcome)))
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onTermination().invoke(drain::done);
    }

    private Uni<Void> publish(Outcome outcome, byte[] value, IncomingKafkaRecordMetadata<?, ?> record) {
        return outcome.kind() == Outcome.Kind.ANSWERED
                ? answers.publish(outcome.id(), outcome.json(), record, outcome.trace())
                : deadLetters.publish(value, outcome.code(), outcome.reason(), record, outcome.trace());
    }

    private void count(Outcome outcome) {
        switch (outcome.kind()) {
            case ANSWERED -> metrics.answered(outcome.queued(), outcome.inferred());
            case DEAD_LETTERED -> metrics.deadLettered(outcome.code(), outcome.queued());
            case FAILED -> metrics.failed(outcome.code(), outcome.queued());
        }
    }
}
