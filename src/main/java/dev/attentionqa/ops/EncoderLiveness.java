package dev.attentionqa.ops;

import dev.attentionqa.batching.EncoderQueues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Down for good once an encoder queue has stopped serving calls (an Error from the engine such as running out of
 * memory, or its thread interrupted): every later request would fail, so the pod should be restarted.
 */
@Liveness
@ApplicationScoped
public class EncoderLiveness implements HealthCheck {

    private final EncoderQueues queues;

    @Inject
    public EncoderLiveness(EncoderQueues queues) {
        this.queues = queues;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("encoder").up();
        queues.failure().ifPresent(f -> response.down().withData("failure", f));
        return response.build();
    }
}
