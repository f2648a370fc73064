package dev.attentionqa.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The graph's grad-attention (Chefer et al. 2021) on a hand-made 2-layer BERT with a span head equals a plain-Java
 * reference within 1e-5: the reference takes d score / d A by central differences of the double-precision
 * {@link ReferenceEncoder} (each attention probability nudged as an input), then applies the same rule, R = I and
 * R ← R + mean_h (A ⊙ ∇A)⁺ · R per layer, or R ← R + mean_h A · R in a layer below the gradient layers. The batch
 * holds a padded sequence, and the graph is split into lanes or not, so the gradient must cross both.
 */
class GradAttentionReferenceTest {

    private static final double TOLERANCE = 1e-5;
    private static final double STEP = 1e-6;
    private static final long[][] IDS = {{5, 9, 21, 6, 7, 39, 6}, {5, 12, 37, 6, 30, 0, 0}};
    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 0, 0}};
    private static final long[][] TYPES = {{0, 0, 0, 0, 1, 1, 1}, {0, 0, 0, 0, 1, 0, 0}};
    /** The explained spans: positions 4–5 of the first sequence, 4 of the second; the softmax keeps [CLS] and 4… */
    private static final int[] STARTS = {4, 4};
    private static final int[] ENDS = {5, 4};

    @TempDir
    Path temp;

    @ParameterizedTest(name = "lanes {0}, gradient layers {1}")
    @CsvSource({"1, 2", "3, 2", "3, 1"})
    void gradAttentionOfTheGraphEqualsTheFiniteDifferenceReference(int lanes, int gradientLayers) throws Exception {
        Map<String, ArrayTensor> tensors = RandomEncoderWriter.write(temp, TestArchitecture.BERT, true, 29);
        boolean[][] allowed = new boolean[2][7];
        for (int b = 0; b < 2; b++) {
            for (int s = 0; s < 7; s++) {
                allowed[b][s] = s == 0 || (s >= 4 && MASK[b][s] == 1);
            }
        }
        EncoderInput input = new EncoderInput(IDS, MASK, TYPES, new SpanTargets(STARTS, ENDS, allowed));
        EncoderOutput out;
        try (Encoder encoder = Encoder.create(HfModelDirectory.load(temp), new EngineOptions(1, 1, lanes)
                .withGradientLayers(gradientLayers))) {
            out = encoder.run(input, EnumSet.of(EncoderOutput.Kind.GRAD_ATTENTION, EncoderOutput.Kind.SPAN_SCORE));
        }
        ReferenceEncoder reference = new ReferenceEncoder(TestArchitecture.BERT, tensors, true);
        ReferenceEncoder.Result base = reference.forward(IDS, MASK, TYPES);
        double scoreDiff = 0;
        double relevanceDiff = 0;
        double largest = 0;
        for (int b = 0; b < 2; b++) {
            scoreDiff = Math.max(scoreDiff, Math.abs(out.spanScore(b) - score(base, b, allowed[b])));
            double[][] expected = expectedRelevance(reference, base, b, allowed[b],
                    TestArchitecture.LAYERS - gradientLayers);
            float[][] actual = out.gradAttention(b);
            for (int q = 0; q < 7; q++) {
                for (int k = 0; k < 7; k++) {
                    relevanceDiff = Math.max(relevanceDiff, Math.abs(actual[q][k] - expected[q][k]));
                    largest = Math.max(largest, Math.abs(q == k ? expected[q][k] - 1 : expected[q][k]));
                }
            }
        }
        System.out.printf("lanes %d, gradient layers %d: max |diff| span score %.2e, grad-attention %.2e (largest"
                + " off-identity %.3f)%n", lanes, gradientLayers, scoreDiff, relevanceDiff, largest);
        assertThat(scoreDiff).as("span score").isLessThanOrEqualTo(1e-4);
        assertThat(largest).as("the model's gradients are not trivially zero").isGreaterThan(0.05);
        assertThat(relevanceDiff).as("grad-attention").isLessThanOrEqualTo(TOLERANCE);
    }

    /**
     * Chefer's rule over the reference's attention and its finite-difference gradients; the first {@code plain}
     * layers enter with their head-averaged attention.
     */
    private static double[][] expectedRelevance(ReferenceEncoder reference, ReferenceEncoder.Result base, int b,
                                                boolean[] allowed, int plain) {
        double[][] relevance = identity(7);
        for (int layer = 0; layer < TestArchitecture.LAYERS; layer++) {
            double[][] weighted = new double[7][7];
            for (int head = 0; head < TestArchitecture.HEADS; head++) {
                for (int q = 0; q < 7; q++) {
                    for (int k = 0; k < 7; k++) {
                        double a = base.probs()[layer][b][head][q][k];
                        if (layer < plain) {
                            weighted[q][k] += a / TestArchitecture.HEADS;
                            continue;
                        }
                        double up = score(reference.forward(IDS, MASK, TYPES,
                                new ReferenceEncoder.Nudge(layer, head, q, k, STEP)), b, allowed);
                        double down = score(reference.forward(IDS, MASK, TYPES,
                                new ReferenceEncoder.Nudge(layer, head, q, k, -STEP)), b, allowed);
                        double gradient = (up - down) / (2 * STEP);
                        weighted[q][k] += Math.max(0, a * gradient) / TestArchitecture.HEADS;
                    }
                }
            }
            double[][] next = new double[7][7];
            for (int q = 0; q < 7; q++) {
                for (int k = 0; k < 7; k++) {
                    double sum = relevance[q][k];
                    for (int m = 0; m < 7; m++) {
                        sum += weighted[q][m] * relevance[m][k];
                    }
                    next[q][k] = sum;
                }
            }
            relevance = next;
        }
        return relevance;
    }

    /** log p_start + log p_end of sequence {@code b}'s target, HF's softmax (−10000 outside {@code allowed}). */
    private static double score(ReferenceEncoder.Result r, int b, boolean[] allowed) {
        return logSoftmax(r.startLogits()[b], allowed, STARTS[b]) + logSoftmax(r.endLogits()[b], allowed, ENDS[b]);
    }

    private static double logSoftmax(double[] logits, boolean[] allowed, int at) {
        double max = Double.NEGATIVE_INFINITY;
        double[] masked = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            masked[i] = allowed[i] ? logits[i] : -10000;
            max = Math.max(max, masked[i]);
        }
        double sum = 0;
        for (double m : masked) {
            sum += Math.exp(m - max);
        }
        return masked[at] - max - Math.log(sum);
    }

    private static double[][] identity(int n) {
        double[][] eye = new double[n][n];
        for (int i = 0; i < n; i++) {
            eye[i][i] = 1;
        }
        return eye;
    }
}
