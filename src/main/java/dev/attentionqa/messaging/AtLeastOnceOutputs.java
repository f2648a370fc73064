package dev.attentionqa.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * At-least-once outputs through the {@code outputs} channel: every message is sent and its acknowledgement (acks=all,
 * idempotent producer) awaited before the batch may be acknowledged. What the broker did not take (an outage longer
 * than {@code delivery.timeout.ms}) is sent again after a pause until it is taken. The connector alone cannot do
 * this: a nacked output ends in its failure strategy, which either stops the channel ({@code fail}) or commits past
 * the request ({@code ignore}: the answer is lost).
 */
@ApplicationScoped
class AtLeastOnceOutputs {

    static final String CHANNEL = "outputs";
    private static final Logger LOG = Logger.getLogger(AtLeastOnceOutputs.class);
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<byte[]> emitter;

    /**
     * Sends {@code outputs} in order and waits until the broker took every one. False only when {@code givenUp} turned
     * true meanwhile (shutdown): then the batch must not be acknowledged.
     */
    boolean send(List<Message<byte[]>> outputs, BooleanSupplier givenUp) {
        var pending = outputs;
        while (true) {
            var failed = sendAll(pending);
            if (failed.isEmpty()) {
                return true;
            }
            if (givenUp.getAsBoolean()) {
                return false;
            }
            LOG.warnf("%d of %d output(s) not acknowledged by the broker; sending them again in %s", failed.size(),
                    pending.size(), RETRY_PAUSE);
            try {
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pending = failed;
        }
    }

    private List<Message<byte[]>> sendAll(List<Message<byte[]>> outputs) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(outputs.size());
        for (var message : outputs) {
            acks.add(emitter.sendMessage(message).subscribeAsCompletionStage());
        }
        List<Message<byte[]>> failed = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).join();
            } catch (CompletionException | CancellationException e) {
                if (failed.isEmpty()) {
                    LOG.debugf("output not acknowledged: %s", String.valueOf(e.getCause()));
                }
                failed.add(outputs.get(i));
            }
        }
        return failed;
    }
}
