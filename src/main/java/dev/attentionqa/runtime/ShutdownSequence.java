package dev.attentionqa.runtime;

import dev.attentionqa.batching.EncoderQueues;
import dev.attentionqa.messaging.RequestConsumer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The one owner of the worker's shutdown order, so that nothing closes under work still running: stop polling and
 * drain the micro-batch in flight (giving it up, undelivered, if the drain timeout passes), then close the encoder
 * queues (waiting calls fail), then the encoders and their TF sessions. The beans' own disposers run later and find
 * everything closed already.
 */
@ApplicationScoped
public class ShutdownSequence {

    @Inject
    RequestConsumer requests;

    @Inject
    EncoderQueues queues;

    @Inject
    ModelRuntime models;

    void onStop(@Observes ShutdownEvent event) {
        // Only where requests were consumed: touching the model beans otherwise would load the models just to close them.
        if (requests.stop()) {
            queues.close();
            models.close();
        }
    }
}
