package dev.attentionqa.messaging;

import dev.attentionqa.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the request loop polls its topic and its consumer is connected to a broker (DOWN during an outage); a
 * worker started with the consumer off has nothing to report.
 */
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
                .status(!consuming || (loop.polling() && loop.brokerConnections() > 0))
                .withData("broker-connections", (long) loop.brokerConnections())
                .withData("requests", config.topics().requests())
                .withData("answers", config.topics().answers())
                .withData("dead-letters", config.topics().deadLetters())
                .withData("group", config.consumer().groupId())
                .withData("delivery", config.delivery().mode())
                .build();
    }
}
