package dev.attentionqa.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code requests} one record at a time, in partition order: every record ends as exactly one
 * answer or one dead letter, and its offset is acknowledged only after that record was written.
 */
@ApplicationScoped
public class RequestConsumer {

    private static final Logger LOG = Logger.getLogger(RequestConsumer.class);

    @Inject
    Answering answering;

    @Inject
    AnswerPublisher answers;

    @Inject
    DeadLetterPublisher deadLetters;

    @Incoming("requests")
    public Uni<Void> consume(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        return Uni.createFrom().item(() -> outcome(message.getPayload(), record))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(outcome -> outcome.publish(record))
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    private Outcome outcome(byte[] value, IncomingKafkaRecordMetadata<?, ?> record) {
        try {
            QaRequest request = answering.parse(value);
            long queueMs = Math.max(0, System.currentTimeMillis() - record.getTimestamp().toEpochMilli());
            String json = answering.toJson(answering.answer(request, queueMs));
            return r -> answers.publish(request.id(), json, r);
        } catch (InvalidRequestException e) {
            LOG.debugf("dead-lettering %s-%d@%d: %s", record.getTopic(), record.getPartition(), record.getOffset(), e.getMessage());
            return r -> deadLetters.publish(value, e.reason().code(), e.getMessage(), r);
        } catch (RuntimeException e) {
            LOG.errorf(e, "failed on %s-%d@%d", record.getTopic(), record.getPartition(), record.getOffset());
            String reason = RejectReason.PROCESSING_FAILED.code() + ": " + e;
            return r -> deadLetters.publish(value, RejectReason.PROCESSING_FAILED.code(), reason, r);
        }
    }

    /** What to write for one record. */
    @FunctionalInterface
    private interface Outcome {
        Uni<Void> publish(IncomingKafkaRecordMetadata<?, ?> record);
    }
}
