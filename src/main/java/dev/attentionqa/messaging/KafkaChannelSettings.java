package dev.attentionqa.messaging;

import dev.attentionqa.config.WorkerConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.util.Map;

/**
 * The request channel's settings that follow from {@code qa.delivery.mode} rather than from one property each: the
 * connector reads a {@code Map} bean named after the channel beneath its {@code mp.messaging.incoming.requests.*}
 * properties (which still win) and above every {@code kafka.*} one.
 */
@ApplicationScoped
class KafkaChannelSettings {

    static final String REQUESTS = "requests";

    @Produces
    @Identifier(REQUESTS)
    Map<String, Object> requests(WorkerConfig config) {
        DeliveryMode mode = DeliveryMode.of(config);
        return Map.of("commit-strategy", mode.commitStrategy,
                "isolation.level", mode.isolationLevel,
                "failure-strategy", mode.failureStrategy);
    }
}
