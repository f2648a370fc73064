package dev.attentionqa.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes a random-weight 2-layer encoder of one architecture as {@code save_pretrained} would: config.json with
 * that architecture's keys and model.safetensors with its checkpoint names — a base model without prefix, or a
 * {@code *ForQuestionAnswering} with the model prefix and {@code qa_outputs}.
 */
final class RandomEncoderWriter {

    /** Dense std large enough that attention is far from uniform and logits spread. */
    private static final double DENSE_STD = 0.3;

    private RandomEncoderWriter() {
    }

    /** Writes the directory and returns the tensors under the names written. */
    static Map<String, ArrayTensor> write(Path directory, TestArchitecture arch, boolean qaHead, long seed)
            throws IOException {
        Random random = new Random(seed);
        String prefix = qaHead ? arch.qaModelPrefix : "";
        int h = TestArchitecture.HIDDEN;
        Map<String, ArrayTensor> tensors = new LinkedHashMap<>();
        gaussian(tensors, random, prefix + "embeddings.word_embeddings.weight", 1.0, TestArchitecture.VOCAB, h);
        gaussian(tensors, random, prefix + "embeddings.position_embeddings.weight", 1.0,
                TestArchitecture.MAX_POSITIONS, h);
        if (arch.typeVocabSize > 0) {
            gaussian(tensors, random, prefix + "embeddings.token_type_embeddings.weight", 1.0, arch.typeVocabSize, h);
        }
        layerNorm(tensors, random, prefix + "embeddings.LayerNorm", h);
        for (int layer = 0; layer < TestArchitecture.LAYERS; layer++) {
            for (TestArchitecture.Module m : TestArchitecture.Module.values()) {
                String name = prefix + arch.layer(layer, m);
                switch (m) {
                    case ATTENTION_NORM, FFN_NORM -> layerNorm(tensors, random, name, h);
                    case FFN_IN -> dense(tensors, random, name, TestArchitecture.INTERMEDIATE, h);
                    case FFN_OUT -> dense(tensors, random, name, h, TestArchitecture.INTERMEDIATE);
                    default -> dense(tensors, random, name, h, h);
                }
            }
        }
        if (qaHead) {
            dense(tensors, random, "qa_outputs", 2, h);
        }
        SafetensorsWriter.write(directory.resolve(HfModelDirectory.WEIGHTS), tensors);
        new ObjectMapper().writeValue(directory.resolve(HfModelDirectory.CONFIG).toFile(), arch.configJson());
        return tensors;
    }

    private static void dense(Map<String, ArrayTensor> tensors, Random random, String prefix, int out, int in) {
        gaussian(tensors, random, prefix + ".weight", DENSE_STD, out, in);
        gaussian(tensors, random, prefix + ".bias", 0.1, out);
    }

    private static void layerNorm(Map<String, ArrayTensor> tensors, Random random, String prefix, int hidden) {
        float[] gamma = new float[hidden];
        for (int i = 0; i < hidden; i++) {
            gamma[i] = (float) (1 + 0.1 * random.nextGaussian());
        }
        tensors.put(prefix + ".weight", new ArrayTensor(gamma, new int[] {hidden}));
        gaussian(tensors, random, prefix + ".bias", 0.1, hidden);
    }

    private static void gaussian(Map<String, ArrayTensor> tensors, Random random, String name, double std,
                                 int... shape) {
        float[] data = new float[(int) ArrayTensor.elementCount(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * std);
        }
        tensors.put(name, new ArrayTensor(data, shape));
    }
}
