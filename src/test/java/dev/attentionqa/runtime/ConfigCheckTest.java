package dev.attentionqa.runtime;

import dev.attentionqa.config.WorkerConfig;
import dev.attentionqa.testing.TestConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up validation: the defaults pass; each bad value is reported with its property name and the value. */
class ConfigCheckTest {

    @Test
    void acceptsTheDefaults() {
        assertThatCode(() -> ConfigCheck.validate(config(Map.of()))).doesNotThrowAnyException();
    }

    @Test
    void acceptsAGpuDeviceList() {
        assertThatCode(() -> ConfigCheck.validate(config(Map.of("qa.engine.gpu.visible-devices", "0,1"))))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesANoAnswerMarginThatIsNotANumber() {
        assertThatThrownBy(() -> ConfigCheck.validate(config(Map.of("qa.answers.no-answer-margin", "NaN"))))
                .hasMessageContaining("qa.answers.no-answer-margin must be a finite number (got NaN)");
    }

    @Test
    void namesEveryBadPropertyWithItsValueInOneMessage() {
        WorkerConfig bad = config(Map.of(
                "qa.engine.max-batch-size", "0",
                "qa.engine.lanes", "17",
                "qa.topics.answer-key", "partition",
                "qa.windows.max-seq-len", "1024",
                "qa.health.max-inference-stall", "PT0.5S",
                "qa.engine.gpu.visible-devices", "gpu0",
                "qa.answers.idf-weight", "-1",
                "qa.explain.method", "lime",
                "qa.limits.max-context-tokens", "0"));

        assertThatThrownBy(() -> ConfigCheck.validate(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("qa.engine.max-batch-size must be between 1 and 1024 (got 0)")
                .hasMessageContaining("qa.engine.lanes must be between 1 and 16 (got 17)")
                .hasMessageContaining("qa.topics.answer-key must be one of [request-id, request-key] (got partition)")
                .hasMessageContaining("qa.windows.max-seq-len must be between 32 and 512 (got 1024)")
                .hasMessageContaining("qa.health.max-inference-stall must be between PT1S and PT24H (got PT0.5S)")
                .hasMessageContaining("qa.engine.gpu.visible-devices must be device ids like 0 or 0,1 (got gpu0)")
                .hasMessageContaining("qa.answers.idf-weight must be ≥ 0 (got -1.0)")
                .hasMessageContaining("qa.limits.max-context-tokens must be between 1 and 10000000 (got 0)")
                .hasMessageContaining("qa.explain.method must be one of [")
                .hasMessageContaining("(got lime)");
    }

    @Test
    void namesBadExplanationSettings() {
        WorkerConfig bad = config(Map.of("qa.explain.sentence-method", "grad-attention",
                "qa.explain.integrated-gradient-steps", "0", "qa.explain.gradient-layers", "0"));

        assertThatThrownBy(() -> ConfigCheck.validate(bad))
                .hasMessageContaining("qa.explain.sentence-method must be one of [attention, rollout] (got grad-attention)")
                .hasMessageContaining("qa.explain.integrated-gradient-steps must be between 1 and 256 (got 0)")
                .hasMessageContaining("qa.explain.gradient-layers must be between 1 and 64 (got 0)");
    }

    @Test
    void namesBadDeliveryAndBatchingSettings() {
        WorkerConfig bad = config(Map.of("qa.delivery.mode", "at-most-once", "qa.batching.max-requests", "0",
                "qa.batching.max-delay", "PT1M", "qa.delivery.transactional-id", " "));

        assertThatThrownBy(() -> ConfigCheck.validate(bad))
                .hasMessageContaining("qa.delivery.mode must be one of [at-least-once, exactly-once] (got at-most-once)")
                .hasMessageContaining("qa.batching.max-requests must be between 1 and 1024 (got 0)")
                .hasMessageContaining("qa.batching.max-delay must be between PT0S and PT10S (got PT1M)")
                .hasMessageContaining("qa.delivery.transactional-id must not be blank (got ' ')");
    }

    @Test
    void checksDependentRangesAgainstTheOtherSetting() {
        WorkerConfig bad = config(Map.of("qa.windows.max-seq-len", "64", "qa.windows.doc-stride", "40",
                "qa.answers.top-k", "30"));

        assertThatThrownBy(() -> ConfigCheck.validate(bad))
                .hasMessageContaining("qa.windows.doc-stride must be between 0 and 32 (got 40)")
                .hasMessageContaining("qa.answers.top-k must be between 1 and 20 (got 30)");
    }

    @Test
    void mapsTheStallBoundAsADuration() {
        assertThat(config(Map.of("qa.health.max-inference-stall", "90s")).health().maxInferenceStall())
                .hasSeconds(90);
    }

    private static WorkerConfig config(Map<String, String> values) {
        return TestConfig.of(values);
    }
}
