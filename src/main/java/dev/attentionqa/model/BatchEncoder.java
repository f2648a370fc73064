package dev.attentionqa.model;

import java.util.Set;

/**
 * Encodes one padded batch: the TF {@link Encoder} itself, or a queue in front of it that merges the batches of
 * callers running at the same time into fewer, larger encoder runs.
 */
public interface BatchEncoder {

    /** The model's configuration. */
    BertConfig config();

    /** The model's name and revision. */
    ModelInfo info();

    /** Encodes {@code in} and returns the requested outputs, one row per input sequence. */
    EncoderOutput run(EncoderInput in, Set<EncoderOutput.Kind> fetch);

    /**
     * Integrated gradients of the span score of {@code one} (a single sequence with {@link EncoderInput#targets()})
     * from the baseline {@code baselineIds} (null: zero embeddings) in {@code steps} steps; QA models only.
     */
    InputAttribution integratedGradients(EncoderInput one, long[] baselineIds, int steps);
}
