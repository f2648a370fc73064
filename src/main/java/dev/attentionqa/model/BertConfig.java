package dev.attentionqa.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Shape and activation of a BERT-family encoder, as in a Hugging Face {@code config.json}. */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int intermediateSize,
        int maxPositions,
        int typeVocabSize,
        double layerNormEps,
        String hiddenAct,
        String modelType,
        boolean hasQaHead) {

    /** The {@code model_type} values this engine builds. */
    public static final List<String> SUPPORTED_MODEL_TYPES = List.of("bert");

    /** The {@code hidden_act} values this engine builds ("gelu" is the exact erf form). */
    public static final List<String> SUPPORTED_ACTIVATIONS = List.of("gelu");

    /** Rejects unsupported model types and activations and inconsistent sizes. */
    public BertConfig {
        if (!SUPPORTED_MODEL_TYPES.contains(modelType)) {
            throw new UnsupportedModelException("unsupported model_type; supported: " + SUPPORTED_MODEL_TYPES
                    + " (got model_type=\"" + modelType + "\")");
        }
        if (!SUPPORTED_ACTIVATIONS.contains(hiddenAct)) {
            throw new UnsupportedModelException("unsupported hidden_act; supported: " + SUPPORTED_ACTIVATIONS
                    + " (got hidden_act=\"" + hiddenAct + "\")");
        }
        requirePositive("vocab_size", vocabSize);
        requirePositive("hidden_size", hiddenSize);
        requirePositive("num_hidden_layers", numLayers);
        requirePositive("num_attention_heads", numHeads);
        requirePositive("intermediate_size", intermediateSize);
        requirePositive("max_position_embeddings", maxPositions);
        requirePositive("type_vocab_size", typeVocabSize);
        if (hiddenSize % numHeads != 0) {
            throw new ModelFormatException("hidden_size must be a multiple of num_attention_heads (got hidden_size="
                    + hiddenSize + ", num_attention_heads=" + numHeads + ")");
        }
    }

    /** Reads a Hugging Face {@code config.json}; absent keys take BERT's defaults, as transformers does. */
    public static BertConfig parse(InputStream json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new ModelFormatException("config.json is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException("config.json must hold a JSON object (got " + root + ")");
        }
        return new BertConfig(
                root.path("vocab_size").asInt(30522),
                root.path("hidden_size").asInt(768),
                root.path("num_hidden_layers").asInt(12),
                root.path("num_attention_heads").asInt(12),
                root.path("intermediate_size").asInt(3072),
                root.path("max_position_embeddings").asInt(512),
                root.path("type_vocab_size").asInt(2),
                root.path("layer_norm_eps").asDouble(1e-12),
                root.path("hidden_act").asText("gelu"),
                root.path("model_type").asText("<missing>"),
                false);
    }

    /** Size of one attention head: hidden / heads. */
    public int headSize() {
        return hiddenSize / numHeads;
    }

    /** This configuration with the question-answering head switched on or off. */
    public BertConfig withQaHead(boolean qaHead) {
        return new BertConfig(vocabSize, hiddenSize, numLayers, numHeads, intermediateSize, maxPositions,
                typeVocabSize, layerNormEps, hiddenAct, modelType, qaHead);
    }

    private static void requirePositive(String key, int value) {
        if (value <= 0) {
            throw new ModelFormatException(key + " must be positive (got " + value + ")");
        }
    }
}
