package dev.attentionqa.testing;

import dev.attentionqa.config.WorkerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.Map;

/** The worker's configuration mapping built from these values over the defaults, without starting Quarkus. */
public final class TestConfig {

    private TestConfig() {
    }

    public static WorkerConfig of(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(WorkerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus's: "90s" as well as ISO "PT90S"
                .withDefaultValues(values)
                .build();
        return config.getConfigMapping(WorkerConfig.class);
    }
}
