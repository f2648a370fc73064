package dev.attentionqa.bench;

import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EngineOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `bench soak` must not rot: a short run samples RSS at the promised points and reports a consistent growth. */
class SoakBenchmarkSmokeTest {

    @Test
    void samplesRssAlongTheRunAndComputesGrowthFromTheWarmUpBaseline() {
        try (Encoder encoder = Encoder.create(DefaultModel.load(), EngineOptions.defaults())) {
            List<long[]> seen = new ArrayList<>();
            SoakResult r = new SoakBenchmark(encoder, 5, 16).run(40, 10, seen::add);
            assertThat(r.samples()).isEqualTo(seen).hasSize(5);
            assertThat(r.samples()).extracting(s -> s[0]).containsExactly(8L, 16L, 24L, 32L, 40L);
            assertThat(r.samples()).allMatch(s -> s[1] > 0);
            assertThat(r.growthPercent()).isCloseTo(100.0 * (r.rssEndKib() - r.rssAfterWarmUpKib()) / r.rssAfterWarmUpKib(),
                    org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
