package dev.attentionqa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Integrated gradients on the bundled span model: completeness (Sundararajan et al. 2017, Proposition 1) — the
 * attributions sum to score(x) − score(x') — within 1 % at 64 steps, from a [PAD] baseline and from zero embeddings,
 * and the scores it reports are the graph's own.
 */
class IntegratedGradientsTest {

    private static Encoder encoder;
    private static EncoderInput input;
    private static SpanTargets target;
    private static long[] padBaseline;

    @BeforeAll
    static void load() {
        encoder = Encoder.create(DefaultModel.loadSpan(), EngineOptions.defaults());
        input = MiniLmFixture.pairs(new String[] {"Who proposed the transformer?"},
                new String[] {"The transformer was proposed in 2017 by Vaswani and colleagues at Google, who showed that "
                        + "attention alone, without recurrence, was enough for translation."});
        int seq = input.seqLength();
        boolean[][] allowed = new boolean[1][seq];
        padBaseline = input.inputIds()[0].clone();
        for (int s = 0; s < seq; s++) {
            boolean context = input.tokenTypeIds()[0][s] == 1 && s < seq - 1;
            allowed[0][s] = s == 0 || context;
            boolean special = s == 0 || s == seq - 1 || padBaseline[s] == 102;
            padBaseline[s] = special ? padBaseline[s] : encoder.config().padTokenId();
        }
        // the model's own answer: the best start, then the best end from it (the explained decision)
        EncoderOutput logits = encoder.run(input, EnumSet.of(EncoderOutput.Kind.QA_LOGITS));
        int start = argmax(logits.startLogits(0), allowed[0], 1);
        int end = argmax(logits.endLogits(0), allowed[0], start);
        target = new SpanTargets(new int[] {start}, new int[] {end}, allowed);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void attributionsSumToTheScoreDifferenceFromAPadBaseline() {
        assertComplete(padBaseline);
    }

    @Test
    void attributionsSumToTheScoreDifferenceFromZeroEmbeddings() {
        assertComplete(null);
    }

    @Test
    void theScoreAtTheInputIsTheGraphsSpanScore() {
        InputAttribution a = encoder.integratedGradients(input.withTargets(target), padBaseline, 4);
        float score = encoder.run(input.withTargets(target), EnumSet.of(EncoderOutput.Kind.SPAN_SCORE)).spanScore(0);
        assertThat(a.score()).isCloseTo(score, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(a.tokens()[0]).as("[CLS] equals its baseline: no attribution").isZero();
    }

    @Test
    void needsOneSequenceWithItsTarget() {
        assertThatThrownBy(() -> encoder.integratedGradients(input, padBaseline, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targets absent");
        assertThatThrownBy(() -> encoder.integratedGradients(input.withTargets(target), padBaseline, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(got 0)");
    }

    private static void assertComplete(long[] baseline) {
        long started = System.nanoTime();
        InputAttribution a = encoder.integratedGradients(input.withTargets(target), baseline, 64);
        double difference = a.score() - a.baselineScore();
        System.out.printf("IG k=64 (%s baseline): Σ attributions %.4f, score(x) − score(x') %.4f (%.4f − %.4f), "
                        + "gap %.2f %%, %d ms%n", baseline == null ? "zero" : "[PAD]", a.total(), difference, a.score(),
                a.baselineScore(), 100 * Math.abs(a.total() - difference) / Math.abs(difference),
                (System.nanoTime() - started) / 1_000_000);
        assertThat(a.score()).as("the model's own answer is likely").isGreaterThan(Math.log(0.25));
        assertThat(Math.abs(difference)).as("the baseline changes the score").isGreaterThan(1.0);
        assertThat(Math.abs(a.total() - difference)).isLessThanOrEqualTo(0.01 * Math.abs(difference));
    }

    private static int argmax(float[] logits, boolean[] allowed, int from) {
        int best = from;
        for (int s = from; s < logits.length; s++) {
            best = allowed[s] && logits[s] > logits[best] ? s : best;
        }
        return best;
    }
}
