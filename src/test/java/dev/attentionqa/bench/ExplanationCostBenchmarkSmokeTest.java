package dev.attentionqa.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attentionqa.batching.BatchBounds;
import dev.attentionqa.batching.EncoderQueue;
import dev.attentionqa.e2e.SeedData;
import dev.attentionqa.eval.SquadDataset;
import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.model.DefaultModel;
import dev.attentionqa.model.Encoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;
import dev.attentionqa.model.EngineOptions;
import dev.attentionqa.model.ForwardingEncoder;
import dev.attentionqa.qa.RealPipelines;
import dev.attentionqa.qa.SpanPipeline;
import dev.attentionqa.tokenize.WordPieceTokenizer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `bench explain` must not rot: it reports every method at both batch sizes, and its batched phase really merges the
 * concurrent explanation passes into one model batch (seen by the engine), as the worker's micro-batches do.
 */
class ExplanationCostBenchmarkSmokeTest {

    @Test
    void measuresEveryMethodAloneAndMergedThroughTheQueue() throws Exception {
        Map<Set<EncoderOutput.Kind>, Integer> largestBatch = new ConcurrentHashMap<>();
        try (Encoder encoder = Encoder.create(DefaultModel.loadSpan(), EngineOptions.defaults());
                WordPieceTokenizer tokenizer = WordPieceTokenizer.fromClasspath(DefaultModel.SPAN_RESOURCE + "tokenizer.json");
                EncoderQueue queue = new EncoderQueue(new Recording(encoder, largestBatch),
                        new BatchBounds(1 << 16, 64, 16, Duration.ofSeconds(10)))) {
            SpanPipeline pipeline = new SpanPipeline(tokenizer, queue, RealPipelines.MAX_SEQ_LEN, RealPipelines.DOC_STRIDE,
                    RealPipelines.MAX_QUESTION_LEN, RealPipelines.MAX_BATCH);
            List<String> log = new ArrayList<>();
            var questions = SquadDataset.read(SeedData.squadV11Dev(), new ObjectMapper()).subList(0, 3);
            ExplanationCostBenchmark.Costs costs = new ExplanationCostBenchmark(pipeline, queue::enter, log::add)
                    .run(questions);
            assertThat(costs.questions()).isEqualTo(3);
            List<String> expected = new ArrayList<>(List.of("answer"));
            expected.addAll(ExplanationMethod.ids());
            assertThat(costs.millisPerAnswer().keySet()).containsExactlyElementsOf(expected);
            assertThat(costs.millisPerAnswer().values()).allSatisfy(ms -> {
                assertThat(ms).hasSize(2);
                assertThat(ms[0]).isPositive();
                assertThat(ms[1]).isPositive();
            });
            assertThat(log).hasSize(expected.size());
            assertThat(largestBatch.get(Set.of(EncoderOutput.Kind.GRAD_ATTENTION)))
                    .as("three grad-attention passes merged into one model batch").isEqualTo(3);
            assertThat(largestBatch.get(Set.of(EncoderOutput.Kind.ROLLOUT))).isEqualTo(3);
        }
    }

    /** The real encoder, noting the largest batch it ran per set of fetched outputs. */
    private static final class Recording extends ForwardingEncoder {
        private final Map<Set<EncoderOutput.Kind>, Integer> largest;

        Recording(Encoder engine, Map<Set<EncoderOutput.Kind>, Integer> largest) {
            super(engine);
            this.largest = largest;
        }

        @Override
        public EncoderOutput run(EncoderInput in, Set<EncoderOutput.Kind> fetch) {
            largest.merge(Set.copyOf(fetch), in.batchSize(), Math::max);
            return engine.run(in, fetch);
        }
    }
}
