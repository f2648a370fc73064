package dev.attentionqa.cli;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a launched command the way {@code Main} does for {@code eval}: every Kafka channel and HTTP off, no broker.
 * Use it with {@code restrictToAnnotatedClass = true}, or it switches Kafka off for every Quarkus test.
 */
public class OfflineCommandResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "qa.consumer.enabled", "false",
                "mp.messaging.outgoing.page-requests.enabled", "false",
                "quarkus.http.host-enabled", "false");
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
