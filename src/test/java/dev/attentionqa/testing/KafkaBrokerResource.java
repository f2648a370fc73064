package dev.attentionqa.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a {@code @QuarkusTest} at the shared test broker (Dev Services need Docker, which we lack). */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrap = KafkaBroker.bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "mp.messaging.connector.smallrye-kafka.bootstrap.servers", bootstrap,
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The broker lives for the whole test JVM and is closed by its shutdown hook,
        // so the next test class does not pay another 4–7 s start.
    }
}
