package dev.attentionqa.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.e2e.SeedData;
import dev.attentionqa.eval.SquadDataset;
import dev.attentionqa.messaging.MicroBatchAnswerer;
import dev.attentionqa.testing.KafkaBroker;
import dev.attentionqa.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `bench e2e` must not rot: a small run through the running worker on the real broker measures every phase and
 * reports consistent figures (no timing goals here; they live in the README's benchmark section).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class E2eBenchmarkSmokeTest {

    @Inject
    MicroBatchAnswerer answerer;

    @Inject
    ObjectMapper json;

    @Test
    void measuresEngineOnlySustainedAndLatencyPhases() throws Exception {
        MixSource mix = new MixSource(SquadDataset.read(SeedData.squadV11Dev(), json).subList(0, 80),
                SquadDataset.read(SeedData.seedQa(), json), json);
        List<String> log = new ArrayList<>();
        var topics = new E2eBenchmark.Topics("qa.requests", "qa.answers", "qa.requests.dlq");
        long started = System.nanoTime();
        E2eResult r = new E2eBenchmark(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()), topics,
                answerer::answerWithoutWriting, () -> { }, 8, log::add) // the worker already consumes qa.requests
                .run(mix, 72, 6, 12, new double[] {0.5});
        double wallSeconds = (System.nanoTime() - started) / 1e9;

        // 72 > 2 × max-requests (32): the backlog takes at least three micro-batches, so the 10th–90th percentile
        // window of answer times spans bursts (with 24 one batch could answer everything at once: a window of 0)
        assertThat(r.requests()).isEqualTo(72);
        // measured, not just derived: the engine-only phase answered 72 requests within the run's wall time, and one
        // micro-batch took no longer than the whole run (the rate formula itself: LatencyStatsTest)
        assertThat(r.engineOnlyPerSecond()).isGreaterThanOrEqualTo(72 / wallSeconds);
        assertThat(r.microBatchMedianMs()).isPositive().isLessThan(wallSeconds * 1000);
        assertThat(r.sustainedPerSecond()).isPositive();
        assertThat(r.sustainedOverEngine()).isCloseTo(r.sustainedPerSecond() / r.engineOnlyPerSecond(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.loads()).singleElement().satisfies(load -> {
            assertThat(load.fraction()).isEqualTo(0.5);
            assertThat(load.latencyMs().count()).isEqualTo(12);
            assertThat(load.latencyMs().p50()).isPositive().isLessThanOrEqualTo(load.latencyMs().p99());
            assertThat(load.latencyMs().p99()).isLessThanOrEqualTo(load.latencyMs().max());
        });
        assertThat(log).hasSize(3); // engine only, sustained, one load level
    }
}
