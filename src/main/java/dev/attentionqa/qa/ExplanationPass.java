package dev.attentionqa.qa;

import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.explain.TokenAttention;
import dev.attentionqa.model.BatchEncoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;
import dev.attentionqa.model.InputAttribution;
import dev.attentionqa.model.SpanTargets;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs the encoder over one sequence and returns what a method reads: a token-to-token matrix (one layer's
 * head-averaged attention, rollout, or gradient-weighted attention, all computed in the graph), or, for integrated
 * gradients, one attribution per token.
 */
final class ExplanationPass {

    /** Rows are the "from" tokens, columns the "to" tokens; {@code layers} are 0-based. */
    record Matrix(float[][] weights, List<Integer> layers) {
    }

    /** Relevance of every sequence position for the explained rows, and the layers it comes from. */
    record Relevance(double[] weights, List<Integer> layers) {
    }

    /** Interpolation steps of integrated gradients when serving (the completeness check uses more). */
    static final int DEFAULT_IG_STEPS = 16;

    private final BatchEncoder encoder;
    private final int attentionLayer;
    private final int integratedGradientSteps;

    /** @param attentionLayer layer read by {@code attention}; negative counts from the end (−1 = last) */
    ExplanationPass(BatchEncoder encoder, int attentionLayer) {
        this(encoder, attentionLayer, DEFAULT_IG_STEPS);
    }

    ExplanationPass(BatchEncoder encoder, int attentionLayer, int integratedGradientSteps) {
        int layers = encoder.config().numLayers();
        int layer = attentionLayer < 0 ? layers + attentionLayer : attentionLayer;
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("explanation layer must be in [-" + layers + ", " + layers + ") (got "
                    + attentionLayer + ")");
        }
        if (integratedGradientSteps < 1) {
            throw new IllegalArgumentException("integrated gradients need at least 1 step (got "
                    + integratedGradientSteps + ")");
        }
        this.encoder = encoder;
        this.attentionLayer = layer;
        this.integratedGradientSteps = integratedGradientSteps;
    }

    int integratedGradientSteps() {
        return integratedGradientSteps;
    }

    /** The matrix of an attention method (not the gradient ones, which need the explained span). */
    Matrix run(EncoderInput input, ExplanationMethod method) {
        return switch (method) {
            case ATTENTION -> new Matrix(encoder.run(input, EnumSet.of(EncoderOutput.Kind.MEAN_ATTENTION))
                    .meanAttention(attentionLayer, 0), List.of(attentionLayer));
            case ROLLOUT -> new Matrix(encoder.run(input, EnumSet.of(EncoderOutput.Kind.ROLLOUT)).rollout(0),
                    allLayers());
            case GRAD_ATTENTION, INTEGRATED_GRADIENTS -> throw new IllegalArgumentException(method.id()
                    + " explains the score of a span answer; sentence answers support attention and rollout");
        };
    }

    /**
     * The relevance of each position for the span at positions {@code [from, until)} of a single span sequence:
     * matrix methods average the span's rows; the gradient methods explain log p_start(from) + log p_end(until − 1),
     * the softmax taken over the {@code allowed} positions; integrated gradients start from [PAD] at {@code padded}
     * positions and keep only positive attributions.
     */
    Relevance span(EncoderInput input, int from, int until, boolean[] allowed, boolean[] padded, long padId,
                   ExplanationMethod method) {
        int seq = input.seqLength();
        SpanTargets target = new SpanTargets(new int[] {from}, new int[] {until - 1}, new boolean[][] {allowed});
        return switch (method) {
            case ATTENTION, ROLLOUT -> {
                Matrix m = run(input, method);
                yield new Relevance(TokenAttention.received(m.weights(), from, until, 0, seq), m.layers());
            }
            case GRAD_ATTENTION -> new Relevance(TokenAttention.received(encoder.run(input.withTargets(target),
                    EnumSet.of(EncoderOutput.Kind.GRAD_ATTENTION)).gradAttention(0), from, until, 0, seq), allLayers());
            case INTEGRATED_GRADIENTS -> {
                long[] baseline = input.inputIds()[0].clone();
                for (int p = 0; p < seq; p++) {
                    baseline[p] = padded[p] ? padId : baseline[p];
                }
                InputAttribution a = encoder.integratedGradients(input.withTargets(target), baseline,
                        integratedGradientSteps);
                yield new Relevance(IntStream.range(0, seq).mapToDouble(p -> Math.max(0, a.tokens()[p])).toArray(),
                        List.of());
            }
        };
    }

    /** The relevance the rows {@code [from, until)} of a grad-attention matrix computed elsewhere give. */
    Relevance fromMatrix(float[][] gradAttention, int from, int until) {
        return new Relevance(TokenAttention.received(gradAttention, from, until, 0, gradAttention.length), allLayers());
    }

    private List<Integer> allLayers() {
        return IntStream.range(0, encoder.config().numLayers()).boxed().toList();
    }
}
