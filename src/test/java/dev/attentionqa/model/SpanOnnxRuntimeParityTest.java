package dev.attentionqa.model;

import dev.attentionqa.bench.OnnxRuntimeEngine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped span model in the TF graph reproduces ONNX Runtime running the MiniLM ONNX graph with the span model's
 * weights in place of its initializers and the span head added: the reference {@code bench engine} measures against.
 */
class SpanOnnxRuntimeParityTest {

    private static final double TOLERANCE = 1e-4;
    private static final String[] QUESTIONS = {
        "Who received the medal?",
        "By how much did the shares fall?",
        "Where is the factory?",
    };
    private static final String[] CONTEXTS = {
        "The committee met on Tuesday. Maria Lopez received the medal for her work on batteries.",
        "Analysts blamed the weak forecast: the shares fell 12 percent in early trading on Friday, the steepest drop"
                + " since the company listed.",
        "The factory is in Valencia.",
    };

    private static Encoder encoder;
    private static EncoderInput input;
    private static EncoderOutput tf;
    private static OnnxRuntimeEngine.Output ort;
    private static OnnxRuntimeEngine.Output baseOrt;

    @BeforeAll
    static void runBoth() throws Exception {
        LoadedModel span = DefaultModel.loadSpan();
        encoder = Encoder.create(span, EngineOptions.defaults());
        input = MiniLmFixture.pairs(QUESTIONS, CONTEXTS);
        tf = encoder.run(input, EnumSet.of(EncoderOutput.Kind.HIDDEN, EncoderOutput.Kind.QA_LOGITS,
                EncoderOutput.Kind.ALL_ATTENTION));
        try (OnnxRuntimeEngine reference = new OnnxRuntimeEngine(2, span)) {
            assertThat(reference.hasSpanHead()).isTrue();
            ort = reference.run(input, true);
        }
        try (OnnxRuntimeEngine base = new OnnxRuntimeEngine(2)) {
            baseOrt = base.run(input, false);
        }
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void inputsArePaddedQuestionContextPairs() {
        long contextTokens = Arrays.stream(input.tokenTypeIds()).flatMapToLong(Arrays::stream)
                .filter(t -> t == 1).count();
        long padded = Arrays.stream(input.attentionMask()).flatMapToLong(Arrays::stream)
                .filter(m -> m == 0).count();
        assertThat(contextTokens).isPositive();
        assertThat(padded).isPositive();
    }

    @Test
    void replacedInitializersChangeWhatOnnxRuntimeComputes() {
        // Guards the reference itself: were the trained weights ignored, ORT would compute MiniLM's hidden states.
        assertThat(maxDiff(ort.hidden(), baseOrt.hidden())).isGreaterThan(0.1);
    }

    @Test
    void hiddenStatesMatchOnRealTokens() {
        int hidden = encoder.config().hiddenSize();
        double max = 0;
        for (int b = 0; b < input.batchSize(); b++) {
            for (int s = 0; s < input.seqLength(); s++) {
                if (input.attentionMask()[b][s] == 1) {
                    float[] ours = tf.hidden(b, s);
                    int from = (b * input.seqLength() + s) * hidden;
                    for (int h = 0; h < hidden; h++) {
                        max = Math.max(max, Math.abs(ours[h] - ort.hidden()[from + h]));
                    }
                }
            }
        }
        System.out.printf("span model: max |hidden TF - ORT| = %.3g%n", max);
        assertThat(max).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void spanLogitsMatchOnRealTokens() {
        int seq = input.seqLength();
        double max = 0;
        for (int b = 0; b < input.batchSize(); b++) {
            float[] start = tf.startLogits(b);
            float[] end = tf.endLogits(b);
            for (int s = 0; s < seq; s++) {
                if (input.attentionMask()[b][s] == 1) {
                    int at = (b * seq + s) * 2;
                    max = Math.max(max, Math.abs(start[s] - ort.qaLogits()[at]));
                    max = Math.max(max, Math.abs(end[s] - ort.qaLogits()[at + 1]));
                }
            }
        }
        System.out.printf("span model: max |logits TF - ORT| = %.3g%n", max);
        assertThat(max).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void everyLayersAttentionMatches() {
        int heads = encoder.config().numHeads();
        int seq = input.seqLength();
        List<float[]> expected = ort.attention();
        assertThat(expected).hasSize(encoder.config().numLayers());
        double max = 0;
        for (int layer = 0; layer < expected.size(); layer++) {
            for (int b = 0; b < input.batchSize(); b++) {
                for (int h = 0; h < heads; h++) {
                    float[][] ours = tf.attention(layer, b, h);
                    for (int q = 0; q < seq; q++) {
                        if (input.attentionMask()[b][q] == 0) {
                            continue;
                        }
                        for (int k = 0; k < seq; k++) {
                            float want = expected.get(layer)[((b * heads + h) * seq + q) * seq + k];
                            max = Math.max(max, Math.abs(ours[q][k] - want));
                        }
                    }
                }
            }
        }
        System.out.printf("span model: max |attention TF - ORT| = %.3g%n", max);
        assertThat(max).isLessThanOrEqualTo(TOLERANCE);
    }

    private static double maxDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
