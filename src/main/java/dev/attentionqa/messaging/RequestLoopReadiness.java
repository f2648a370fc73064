package dev.attentionqa.messaging;

import dev.attentionqa.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the request loop polls its topic (a worker started with the consumer off has nothing to report). */
@Readiness
@ApplicationScoped
public class RequestLoopReadiness implements HealthCheck {

    @Inject
    RequestLoop loop;

    @Inject
    WorkerConfig config;

    @Override
    public HealthCheckResponse call() {
        boolean consuming = config.consumer().enabled();
        return HealthCheckResponse.named("request-loop")
                .status(!consuming || loop.polling())
                .withData("requests", config.topics().requests())
                .withData("answers", config.topics().answers())
                .withData("dead-letters", config.topics().deadLetters())
                .withData("group", config.consumer().groupId())
                .withData("delivery", config.delivery().mode())
                .build();
    }
}
