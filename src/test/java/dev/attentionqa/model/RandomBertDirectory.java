package dev.attentionqa.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes a small random-weight {@code BertForQuestionAnswering} as a Hugging Face directory (config.json +
 * model.safetensors) with BERT's vocabulary size, so the real tokenizer's ids fit. Weights std 0.02 as BERT's
 * initialiser; the QA head is larger (std {@code qaStd}) so that start/end logits spread and rankings are stable.
 */
public final class RandomBertDirectory {

    private RandomBertDirectory() {
    }

    /** A 2-layer, hidden-32 model with a QA head, written into {@code directory}; same seed, same bytes. */
    public static Path write(Path directory, long seed, double qaStd) throws IOException {
        BertConfig config = new BertConfig(30522, 32, 2, 4, 64, 512, 2, 1e-12, "gelu", "bert", true);
        Random random = new Random(seed);
        Map<String, ArrayTensor> tensors = new LinkedHashMap<>();
        int h = config.hiddenSize();
        put(tensors, random, "embeddings.word_embeddings.weight", 0.02, config.vocabSize(), h);
        put(tensors, random, "embeddings.position_embeddings.weight", 0.02, config.maxPositions(), h);
        put(tensors, random, "embeddings.token_type_embeddings.weight", 0.02, config.typeVocabSize(), h);
        layerNorm(tensors, "embeddings.LayerNorm", h);
        for (int layer = 0; layer < config.numLayers(); layer++) {
            for (String dense : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense"}) {
                dense(tensors, random, BertWeights.layer(layer, dense), h, h);
            }
            layerNorm(tensors, BertWeights.layer(layer, "attention.output.LayerNorm"), h);
            dense(tensors, random, BertWeights.layer(layer, "intermediate.dense"), config.intermediateSize(), h);
            dense(tensors, random, BertWeights.layer(layer, "output.dense"), h, config.intermediateSize());
            layerNorm(tensors, BertWeights.layer(layer, "output.LayerNorm"), h);
        }
        Map<String, ArrayTensor> prefixed = new LinkedHashMap<>();
        tensors.forEach((name, t) -> prefixed.put(BertWeights.BERT_PREFIX + name, t));
        put(prefixed, random, BertWeights.QA_WEIGHT, qaStd, 2, h);
        put(prefixed, random, BertWeights.QA_BIAS, qaStd, 2);
        SafetensorsWriter.write(directory.resolve(HfModelDirectory.WEIGHTS), prefixed);
        HfConfigWriter.write(directory.resolve(HfModelDirectory.CONFIG), config);
        return directory;
    }

    private static void dense(Map<String, ArrayTensor> tensors, Random random, String prefix, int out, int in) {
        put(tensors, random, prefix + ".weight", 0.02, out, in);
        put(tensors, random, prefix + ".bias", 0.02, out);
    }

    private static void layerNorm(Map<String, ArrayTensor> tensors, String prefix, int hidden) {
        float[] ones = new float[hidden];
        java.util.Arrays.fill(ones, 1f);
        tensors.put(prefix + ".weight", new ArrayTensor(ones, new int[] {hidden}));
        tensors.put(prefix + ".bias", new ArrayTensor(new float[hidden], new int[] {hidden}));
    }

    private static void put(Map<String, ArrayTensor> tensors, Random random, String name, double std, int... shape) {
        float[] data = new float[(int) ArrayTensor.elementCount(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * std);
        }
        tensors.put(name, new ArrayTensor(data, shape));
    }
}
