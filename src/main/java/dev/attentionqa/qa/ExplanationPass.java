package dev.attentionqa.qa;

import dev.attentionqa.explain.ExplanationMethod;
import dev.attentionqa.model.BatchEncoder;
import dev.attentionqa.model.EncoderInput;
import dev.attentionqa.model.EncoderOutput;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs one encoder pass of a single sequence and returns the token-to-token matrix a method reads: one layer's
 * head-averaged attention, or the rollout of all layers computed in the graph (measured faster than copying
 * every layer's attention out and multiplying in Java; README "Measured figures").
 */
final class ExplanationPass {

    /** Rows are the "from" tokens, columns the "to" tokens; {@code layers} are 0-based. */
    record Matrix(float[][] weights, List<Integer> layers) {
    }

    private final BatchEncoder encoder;
    private final int attentionLayer;

    /** @param attentionLayer layer read by {@code attention}; negative counts from the end (−1 = last) */
    ExplanationPass(BatchEncoder encoder, int attentionLayer) {
        int layers = encoder.config().numLayers();
        int layer = attentionLayer < 0 ? layers + attentionLayer : attentionLayer;
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("explanation layer must be in [-" + layers + ", " + layers + ") (got "
                    + attentionLayer + ")");
        }
        this.encoder = encoder;
        this.attentionLayer = layer;
    }

    Matrix run(EncoderInput input, ExplanationMethod method) {
        return switch (method) {
            case ATTENTION -> new Matrix(encoder.run(input, EnumSet.of(EncoderOutput.Kind.MEAN_ATTENTION))
                    .meanAttention(attentionLayer, 0), List.of(attentionLayer));
            case ROLLOUT -> new Matrix(encoder.run(input, EnumSet.of(EncoderOutput.Kind.ROLLOUT)).rollout(0),
                    IntStream.range(0, encoder.config().numLayers()).boxed().toList());
        };
    }
}
