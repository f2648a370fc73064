package dev.attentionqa.runtime;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Started and ready once the model is loaded and warmed up (the Kafka connector adds its own channel checks);
 * loading starts with the application, not with the first request.
 */
@Startup
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    @Inject
    jakarta.enterprise.inject.Instance<ModelRuntime> model;

    @ConfigProperty(name = "qa.consumer.enabled", defaultValue = "true")
    boolean consuming;

    private volatile String loaded;

    /** A worker loads its model before it reports ready; offline commands load it when they first need it. */
    void onStart(@Observes StartupEvent event) {
        if (consuming) {
            loaded = model.get().info().name();
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("model").status(loaded != null).withData("model", String.valueOf(loaded)).build();
    }
}
