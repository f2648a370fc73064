package dev.attentionqa.ops;

import dev.attentionqa.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.time.Duration;

/**
 * Live unless requests are in inference and the engine has finished no model batch for
 * {@code qa.health.max-inference-stall}: stuck, not busy (a long request whose batches keep finishing is live).
 */
@Liveness
@ApplicationScoped
public class InferenceLiveness implements HealthCheck {

    private final InferenceWatch watch;
    private final Duration maxStall;

    @Inject
    public InferenceLiveness(InferenceWatch watch, WorkerConfig config) {
        this(watch, config.health().maxInferenceStall());
    }

    /** With an explicit bound (tests). */
    public InferenceLiveness(InferenceWatch watch, Duration maxStall) {
        this.watch = watch;
        this.maxStall = maxStall;
    }

    @Override
    public HealthCheckResponse call() {
        Duration oldest = watch.oldestInFlight().orElse(Duration.ZERO);
        Duration stalled = watch.stalledFor().orElse(Duration.ZERO);
        return HealthCheckResponse.named("inference")
                .status(stalled.compareTo(maxStall) <= 0)
                .withData("stalledMs", stalled.toMillis())
                .withData("oldestInFlightMs", oldest.toMillis())
                .withData("maxInferenceStallMs", maxStall.toMillis())
                .build();
    }
}
