package dev.attentionqa.model;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a {@link BertConfig} as the {@code config.json} of a Hugging Face {@code BertForQuestionAnswering}. */
public final class HfConfigWriter {

    private HfConfigWriter() {
    }

    public static void write(Path file, BertConfig c) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("architectures", new String[] {"BertForQuestionAnswering"});
        json.put("model_type", c.modelType());
        json.put("vocab_size", c.vocabSize());
        json.put("hidden_size", c.hiddenSize());
        json.put("num_hidden_layers", c.numLayers());
        json.put("num_attention_heads", c.numHeads());
        json.put("intermediate_size", c.intermediateSize());
        json.put("max_position_embeddings", c.maxPositions());
        json.put("type_vocab_size", c.typeVocabSize());
        json.put("layer_norm_eps", c.layerNormEps());
        json.put("hidden_act", c.hiddenAct());
        try (OutputStream out = Files.newOutputStream(file)) {
            new ObjectMapper().writeValue(out, json);
        }
    }
}
