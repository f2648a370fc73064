package dev.attentionqa.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Writes a question typed on the page to the requests topic, so it takes the same path as every other request. */
@ApplicationScoped
public class PageRequests {

    @Inject
    @Channel("page-requests")
    Emitter<String> emitter;

    @Inject
    ObjectMapper json;

    /** Sends one request with a fresh {@code page-…} id; completes with the id once the broker has it. */
    public CompletionStage<String> submit(String question, String context, JsonNode options) {
        String id = "page-" + UUID.randomUUID();
        ObjectNode request = json.createObjectNode().put("id", id).put("question", question).put("context", context);
        if (options != null) {
            request.set("options", options);
        }
        CompletableFuture<String> sent = new CompletableFuture<>();
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(id).build();
        emitter.send(Message.of(request.toString()).addMetadata(metadata)
                .withAck(() -> {
                    sent.complete(id);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    sent.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                }));
        return sent;
    }
}
