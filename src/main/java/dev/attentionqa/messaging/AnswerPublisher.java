package dev.attentionqa.messaging;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Writes answers to {@code answers}, keyed by request id, in the request's trace; completes when the broker
 * acknowledged the write.
 */
@ApplicationScoped
public class AnswerPublisher {

    @Inject
    @Channel("answers")
    MutinyEmitter<String> emitter;

    @Inject
    AnswerFeed feed;

    Uni<Void> publish(String id, String json, IncomingKafkaRecordMetadata<?, ?> request, Context trace) {
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(id)
                .withHeaders(TracingHeaders.copiedFrom(request.getHeaders()))
                .build();
        return emitter.sendMessage(Message.of(json).addMetadata(metadata).addMetadata(TracingHeaders.continuing(trace)))
                .invoke(() -> feed.published(json));
    }
}
