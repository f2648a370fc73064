package dev.attentionqa.model.train;

import dev.attentionqa.model.ArrayTensor;
import dev.attentionqa.model.BertConfig;
import dev.attentionqa.model.BertWeights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The parameters a run starts from, under {@code BertForQuestionAnswering}'s names: the encoder's weights with the
 * {@code bert.} prefix, and the span head's when the checkpoint has one; otherwise a new head drawn as HF initialises
 * linear layers (normal, std {@link #INITIALIZER_RANGE}, zero bias) from a fixed seed.
 */
public final class InitialParameters {

    /** HF's {@code initializer_range} for BERT. */
    public static final double INITIALIZER_RANGE = 0.02;

    private InitialParameters() {
    }

    public static Map<String, ArrayTensor> of(BertConfig config, BertWeights weights, long seed) {
        Map<String, ArrayTensor> out = new LinkedHashMap<>();
        for (String name : weights.names()) {
            boolean head = name.equals(BertWeights.QA_WEIGHT) || name.equals(BertWeights.QA_BIAS);
            out.put(head ? name : BertWeights.BERT_PREFIX + name, weights.get(name));
        }
        if (!weights.has(BertWeights.QA_WEIGHT)) {
            Random random = new Random(seed);
            float[] w = new float[2 * config.hiddenSize()];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (random.nextGaussian() * INITIALIZER_RANGE);
            }
            out.put(BertWeights.QA_WEIGHT, new ArrayTensor(w, new int[] {2, config.hiddenSize()}));
            out.put(BertWeights.QA_BIAS, new ArrayTensor(new float[2], new int[] {2}));
        }
        return out;
    }
}
