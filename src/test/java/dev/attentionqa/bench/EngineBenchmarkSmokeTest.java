package dev.attentionqa.bench;

import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EngineOptions;
import dev.attentionqa.model.LoadedModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** `bench engine` must not rot: both engines run every requested cell and the figures are consistent (no timing goals). */
class EngineBenchmarkSmokeTest {

    @Test
    void measuresBothEnginesOnEveryCellAndReportsTheirRatio() throws Exception {
        assertThat(ServiceLoader.load(ReferenceEngineFactory.class).findFirst()).as("service registration").isPresent();
        try (Encoder encoder = Encoder.create(DefaultModel.load(), EngineOptions.defaults());
             OnnxRuntimeEngine ort = new OnnxRuntimeEngine()) {
            List<BenchCell> seen = new ArrayList<>();
            List<BenchCell> cells = new EngineBenchmark(encoder, ort, 0.5).run(new int[][] {{1, 16}, {2, 32}}, seen::add);
            assertThat(cells).isEqualTo(seen).extracting(BenchCell::batch, BenchCell::seq)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 16), org.assertj.core.groups.Tuple.tuple(2, 32));
            for (BenchCell c : cells) {
                assertThat(c.tfSeqPerS()).isPositive();
                assertThat(c.ortSeqPerS()).isPositive();
                assertThat(c.ratio()).isBetween(c.roundRatioMin(), c.roundRatioMax());
                assertThat(c.roundRatioMin()).isPositive().isLessThanOrEqualTo(c.roundRatioMedian());
                assertThat(c.roundRatioMedian()).isLessThanOrEqualTo(c.roundRatioMax());
            }
        }
    }

    /**
     * The rates are measured, not just derived: against a reference that sleeps 5 ms per call and counts its calls,
     * its rate is at most batch / 5 ms and at least every sequence it ran over the whole benchmark's wall time; the
     * overall ratio is a weighted mean of the rounds' ratios, so it lies between their extremes.
     */
    @Test
    void measuresTheReferenceAtTheRateItRuns() {
        AtomicLong calls = new AtomicLong();
        ReferenceEngine sleeping = new ReferenceEngine() {
            @Override
            public String name() {
                return "sleep 5 ms";
            }

            @Override
            public void run(long[][] inputIds, long[][] attentionMask, long[][] tokenTypeIds) {
                calls.incrementAndGet();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void close() {
            }
        };
        try (Encoder encoder = Encoder.create(DefaultModel.load(), EngineOptions.defaults())) {
            long started = System.nanoTime();
            BenchCell c = new EngineBenchmark(encoder, sleeping, 0.5).run(new int[][] {{4, 16}}, x -> { }).get(0);
            double wallSeconds = (System.nanoTime() - started) / 1e9;
            assertThat(c.ortSeqPerS()).isLessThanOrEqualTo(4 / 0.005)
                    .isGreaterThanOrEqualTo(4 * calls.get() / wallSeconds);
            assertThat(c.ratio()).isBetween(c.roundRatioMin(), c.roundRatioMax());
        }
    }

    @Test
    void theFactoryBuildsAReferenceForTheSpanModelAndBothEnginesRun() throws Exception {
        LoadedModel span = DefaultModel.loadSpan();
        ReferenceEngineFactory factory = ServiceLoader.load(ReferenceEngineFactory.class).findFirst().orElseThrow();
        try (Encoder encoder = Encoder.create(span, EngineOptions.defaults());
             ReferenceEngine ort = factory.create(span, 2)) {
            assertThat(((OnnxRuntimeEngine) ort).hasSpanHead()).isTrue();
            List<BenchCell> cells = new EngineBenchmark(encoder, ort, 0.5).run(new int[][] {{2, 32}}, c -> { });
            assertThat(cells).singleElement().satisfies(c -> {
                assertThat(c.tfSeqPerS()).isPositive();
                assertThat(c.ortSeqPerS()).isPositive();
            });
        }
    }
}
