package dev.attentionqa.config;

import io.smallrye.config.WithDefault;

/** Explanations ({@code qa.explain.*}): which words of the question and context an answer relied on. */
public interface Explain {
    /** Attach an explanation unless the request's {@code options.explain} says otherwise. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Default method for span answers: {@code grad-attention} (attention weighted by its gradient, Chefer et al.
     * 2021; the most faithful affordable one, docs/figures.md), {@code rollout} (Abnar &amp; Zuidema 2020),
     * {@code attention} (head-averaged attention of {@link #layer()}) or {@code integrated-gradients} (slow).
     */
    @WithDefault("grad-attention")
    String method();

    /** Default method for sentence answers: {@code rollout} or {@code attention} (no gradient methods). */
    @WithDefault("rollout")
    String sentenceMethod();

    /**
     * Layers, counted from the top, whose attention {@code grad-attention} weighs by its gradient; the layers below
     * enter with their head-averaged attention (rollout's rule). The backward pass reaches only the weighted layers,
     * so fewer is cheaper; the model's layer count or more gives Chefer et al.'s rule in full (docs/figures.md).
     */
    @WithDefault("1")
    int gradientLayers();

    /** Steps of the {@code integrated-gradients} path integral (each one forward and backward pass). */
    @WithDefault("16")
    int integratedGradientSteps();

    /** Layer the {@code attention} method reads, 0-based; negative counts from the end (−1 = last). */
    @WithDefault("-1")
    int layer();

    /** Context words kept in an explanation, heaviest first. */
    @WithDefault("10")
    int topWords();

    /**
     * Show stop words and punctuation among the context words too ({@code options.allWords} per request); by
     * default they are left out of the shown list (weights untouched).
     */
    @WithDefault("false")
    boolean allWords();
}
