package dev.attentionqa.qa;

import dev.attentionqa.explain.ExplanationMethod;

/** Answers one question over one context: sentence mode for embedding models, span mode for QA-head models. */
public interface QaPipeline {

    /** Answers best first, explained by {@code method}; {@code topWords} ≤ 0 means no explanation. */
    QaResult answer(String question, String context, int topK, int topWords, ExplanationMethod method);

    /**
     * About how many tokens the encoder runs to answer this question (every window of the context, padded), from the
     * tokenizer alone: micro-batches are bounded by it before any model work. 0 for a text the pipeline refuses.
     */
    long modelTokens(String question, String context);

    /**
     * The same measure for explaining the answer with {@code method}, in forward-pass tokens: the gradient methods cost
     * a forward and a backward pass (counted as {@link #BACKWARD_COST} forward passes) per pass they make. 0 where the
     * pipeline does not count its explanation pass (sentence mode: one short joint sequence).
     */
    default long explanationTokens(String question, String context, ExplanationMethod method) {
        return 0;
    }

    /** A forward and backward pass over one window, in forward passes: grad-attention measured 3.7× rollout's pass. */
    int BACKWARD_COST = 4;
}
