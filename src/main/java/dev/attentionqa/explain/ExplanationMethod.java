package dev.attentionqa.explain;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** The ways an answer can be explained; {@link #id()} is the name used in requests and answers. */
public enum ExplanationMethod {

    /** Head-averaged attention probabilities of one layer (the last unless configured). */
    ATTENTION("attention"),
    /** Attention rollout (Abnar &amp; Zuidema 2020): every layer's residual-mixed attention multiplied together. */
    ROLLOUT("rollout"),
    /**
     * Gradient-weighted attention (Chefer, Gur &amp; Wolf 2021): per layer the positive part of attention times its
     * gradient with respect to the answer's score, averaged over heads, accumulated layer by layer. Span answers only.
     */
    GRAD_ATTENTION("grad-attention"),
    /**
     * Integrated gradients (Sundararajan et al. 2017) of the answer's score on the word embeddings from a [PAD]
     * baseline; positive attributions only. k forward and backward passes: a slow reference. Span answers only.
     */
    INTEGRATED_GRADIENTS("integrated-gradients");

    private final String id;

    ExplanationMethod(String id) {
        this.id = id;
    }

    /** Whether the method differentiates the score of a span answer (so sentence answers cannot use it). */
    public boolean needsSpanScore() {
        return this == GRAD_ATTENTION || this == INTEGRATED_GRADIENTS;
    }

    /** The method's name in the message contract. */
    public String id() {
        return id;
    }

    /** Every method's name, in declaration order. */
    public static Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        Arrays.stream(values()).forEach(m -> ids.add(m.id));
        return ids;
    }

    /** The method named {@code id}. */
    public static ExplanationMethod of(String id) {
        for (ExplanationMethod m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("explanation method must be one of " + ids() + " (got \"" + id + "\")");
    }
}
