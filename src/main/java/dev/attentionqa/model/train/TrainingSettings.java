package dev.attentionqa.model.train;

/**
 * Optimizer constants of a training run: AdamW's β1, β2, ε and decoupled weight decay λ, and the global gradient norm
 * above which gradients are scaled down. Defaults are HF {@code Trainer}'s: β 0.9 / 0.999, ε 1e-8, clip 1.0.
 */
public record TrainingSettings(float beta1, float beta2, float epsilon, float weightDecay, float maxGradientNorm) {

    public TrainingSettings {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1) (got beta1 " + beta1 + ", beta2 " + beta2 + ")");
        }
        if (!(epsilon > 0) || !(weightDecay >= 0) || !(maxGradientNorm > 0)) {
            throw new IllegalArgumentException("epsilon and max gradient norm must be > 0 and weight decay ≥ 0 (got epsilon "
                    + epsilon + ", weight decay " + weightDecay + ", max gradient norm " + maxGradientNorm + ")");
        }
    }

    /** β 0.9 / 0.999, ε 1e-8, clip 1.0, and the given λ. */
    public static TrainingSettings defaults(float weightDecay) {
        return new TrainingSettings(0.9f, 0.999f, 1e-8f, weightDecay, 1.0f);
    }

    /** Whether weight decay applies to a parameter: not to biases nor LayerNorm (as BERT and HF's run_qa). */
    static boolean decays(String name) {
        return !name.endsWith(".bias") && !name.contains("LayerNorm");
    }
}
