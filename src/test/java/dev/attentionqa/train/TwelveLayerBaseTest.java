package dev.attentionqa.train;

import dev.attentionqa.eval.SquadQuestion;
import dev.attentionqa.model.EngineOptions;
import dev.attentionqa.model.train.InitialParameters;
import dev.attentionqa.model.train.SpanBatch;
import dev.attentionqa.model.train.SpanTrainer;
import dev.attentionqa.model.train.TrainingSettings;
import dev.attentionqa.qa.SpanFeatures;
import dev.attentionqa.tokenize.WordPieceTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code train --base bge-small-en-v1.5}: a 12-layer encoder with its own tokenizer trains, and learns [CLS]. */
class TwelveLayerBaseTest {

    private static final String CONTEXT = "The Transformer was introduced in 2017 by researchers at Google. It replaced"
            + " recurrence with self-attention, so every position of a sentence can be processed in parallel.";
    private static final String OTHER = "The river floods every spring when snow melts in the mountains, and the town"
            + " raises its bridges for two weeks.";

    private static BaseEncoder base;
    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() {
        base = BaseEncoder.resolve("bge-small-en-v1.5");
        tokenizer = base.tokenizer();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void resolvesTheTwelveLayerEncoderWithItsTokenizer() {
        assertThat(base.model().config().numLayers()).isEqualTo(12);
        assertThat(base.model().config().hiddenSize()).isEqualTo(384);
        assertThat(base.model().info().name()).isEqualTo("BAAI/bge-small-en-v1.5");
        assertThat(tokenizer.tokenize("self-attention").size()).isGreaterThan(1);
    }

    @Test
    void namesTheChoicesForAnUnknownBase() {
        assertThatThrownBy(() -> BaseEncoder.resolve("no-such-model"))
                .hasMessageContaining("e5-small-v2").hasMessageContaining("(got no-such-model)");
    }

    @Test
    void aFewStepsLowerTheLossAndANegativeTrainsTowardCls() {
        SquadQuestion when = new SquadQuestion("q1", "When was the Transformer introduced?", CONTEXT, List.of("2017"),
                List.of(CONTEXT.indexOf("2017")));
        SquadQuestion who = new SquadQuestion("q2", "Who introduced the Transformer?", CONTEXT,
                List.of("researchers at Google"), List.of(CONTEXT.indexOf("researchers at Google")));
        List<SquadQuestion> negatives = NegativeExamples.of(List.of(when, who), List.of(List.of(CONTEXT), List.of(OTHER)),
                1.0, 7);
        assertThat(negatives).extracting(SquadQuestion::context).containsOnly(OTHER);
        TrainingFeatures.Result features = TrainingFeatures.of(List.of(when, who), negatives, tokenizer,
                new SpanFeatures(128, 32, 32));
        assertThat(features.negativeFeatures()).isEqualTo(2);
        List<TrainingFeature> all = features.features();
        SpanBatch batch = BatchPadding.of(all, IntStream.range(0, all.size()).toArray(), tokenizer.specialTokens().pad());
        SpanBatch negativeBatch = BatchPadding.of(all, new int[] {2, 3}, tokenizer.specialTokens().pad());
        try (SpanTrainer trainer = SpanTrainer.create(base.model().config(),
                InitialParameters.of(base.model().config(), base.model().weights(), 1), Map.of(),
                TrainingSettings.defaults(0.01f), new EngineOptions(2, 2, 1))) {
            float before = trainer.loss(batch);
            double clsBefore = clsProbability(trainer, negativeBatch);
            for (int t = 1; t <= 6; t++) {
                trainer.step(batch, 1e-4f, t, 0f, t);
            }
            assertThat(trainer.loss(batch)).as("loss after 6 steps (before %s)", before).isLessThan(before * 0.8f);
            assertThat(clsProbability(trainer, negativeBatch)).as("p_start[CLS] of the negatives (before %s)", clsBefore)
                    .isGreaterThan(2 * clsBefore);
        }
    }

    /** Mean p_start at [CLS] over the batch's sequences. */
    private static double clsProbability(SpanTrainer trainer, SpanBatch batch) {
        float[] start = trainer.logits(batch.input())[0];
        int seq = batch.input().seqLength();
        double sum = 0;
        for (int b = 0; b < batch.input().batchSize(); b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < seq; p++) {
                if (batch.input().attentionMask()[b][p] == 1) {
                    max = Math.max(max, start[b * seq + p]);
                }
            }
            double z = 0;
            for (int p = 0; p < seq; p++) {
                if (batch.input().attentionMask()[b][p] == 1) {
                    z += Math.exp(start[b * seq + p] - max);
                }
            }
            sum += Math.exp(start[b * seq] - max) / z;
        }
        return sum / batch.input().batchSize();
    }
}
