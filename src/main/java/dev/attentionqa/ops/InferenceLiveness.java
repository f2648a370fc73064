package dev.attentionqa.ops;

import dev.attentionqa.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.time.Duration;

/** Live unless one inference has run longer than {@code qa.health.max-inference-stall}: then restart the pod. */
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
        return HealthCheckResponse.named("inference")
                .status(oldest.compareTo(maxStall) <= 0)
                .withData("oldestInFlightMs", oldest.toMillis())
                .withData("maxInferenceStallMs", maxStall.toMillis())
                .build();
    }
}
