package dev.attentionqa.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small encoder of one Hugging Face architecture as its own checkpoint names and config.json keys, written
 * independently of the production name mapping so that tests check that mapping too.
 */
enum TestArchitecture {

    BERT("bert", "bert.", "encoder.layer.", bertModules(), 2, 0, 1e-12),
    DISTILBERT("distilbert", "distilbert.", "transformer.layer.", List.of("attention.q_lin", "attention.k_lin",
            "attention.v_lin", "attention.out_lin", "sa_layer_norm", "ffn.lin1", "ffn.lin2", "output_layer_norm"),
            0, 0, 1e-12),
    ROBERTA("roberta", "roberta.", "encoder.layer.", bertModules(), 1, 1, 1e-5);

    /** Module roles inside one layer, in the order of {@link #modules}. */
    enum Module { QUERY, KEY, VALUE, ATTENTION_OUT, ATTENTION_NORM, FFN_IN, FFN_OUT, FFN_NORM }

    static final int VOCAB = 40;
    static final int HIDDEN = 16;
    static final int HEADS = 4;
    static final int INTERMEDIATE = 32;
    static final int LAYERS = 2;
    static final int MAX_POSITIONS = 24;

    final String modelType;
    final String qaModelPrefix;
    final String layerPrefix;
    final List<String> modules;
    /** 0 where the architecture has no token type embeddings. */
    final int typeVocabSize;
    final int padTokenId;
    final double layerNormEps;

    TestArchitecture(String modelType, String qaModelPrefix, String layerPrefix, List<String> modules,
                     int typeVocabSize, int padTokenId, double layerNormEps) {
        this.modelType = modelType;
        this.qaModelPrefix = qaModelPrefix;
        this.layerPrefix = layerPrefix;
        this.modules = modules;
        this.typeVocabSize = typeVocabSize;
        this.padTokenId = padTokenId;
        this.layerNormEps = layerNormEps;
    }

    private static List<String> bertModules() {
        return List.of("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
                "attention.output.LayerNorm", "intermediate.dense", "output.dense", "output.LayerNorm");
    }

    /** Checkpoint name of a layer module, without the task-model prefix, e.g. {@code transformer.layer.1.ffn.lin1}. */
    String layer(int layer, Module module) {
        return layerPrefix + layer + "." + modules.get(module.ordinal());
    }

    /** Whether positions count from padding_idx + 1 over non-padding tokens (RoBERTa). */
    boolean positionsFollowPadding() {
        return this == ROBERTA;
    }

    /** The config.json a {@code save_pretrained} of this architecture writes, with its own key names. */
    Map<String, Object> configJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_type", modelType);
        json.put("vocab_size", VOCAB);
        json.put("max_position_embeddings", MAX_POSITIONS);
        json.put("pad_token_id", padTokenId);
        if (this == DISTILBERT) {
            json.put("dim", HIDDEN);
            json.put("n_layers", LAYERS);
            json.put("n_heads", HEADS);
            json.put("hidden_dim", INTERMEDIATE);
            json.put("activation", "gelu");
            return json;
        }
        json.put("hidden_size", HIDDEN);
        json.put("num_hidden_layers", LAYERS);
        json.put("num_attention_heads", HEADS);
        json.put("intermediate_size", INTERMEDIATE);
        json.put("type_vocab_size", typeVocabSize);
        json.put("layer_norm_eps", layerNormEps);
        json.put("hidden_act", "gelu");
        return json;
    }
}
